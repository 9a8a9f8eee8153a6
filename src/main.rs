fn main() {
    std::process::exit(mtlint::cli::main());
}
