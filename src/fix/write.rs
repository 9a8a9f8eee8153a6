//! Writing a fixed file back without losing anything.
//!
//! - **Nothing written over a newer edit.** The file is re-read just before writing and must
//!   hold exactly the bytes that were checked ([`Stamp`]: length and BLAKE3 hash); its size,
//!   modification time and inode are compared once more right before the rename. A file that
//!   changed is left alone ([`Refused::Changed`]).
//! - **Read-only files are left alone** ([`Refused::ReadOnly`]): no write bit set, or not
//!   writable by this user (a rename would replace it all the same).
//! - **Atomic where it can be:** a temporary file in the same directory, synced, given the
//!   original's permissions, owner and group, then renamed over the original. A symlink is
//!   followed (its target is replaced).
//! - **In place where a rename would lose something:** a file with several hard links (a rename
//!   would give the fix to one name only), or whose owner or group this user cannot give to a
//!   new file. The new bytes are written into the same inode and synced; if that fails
//!   half-way, the original bytes are written back.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// What a file held when it was read: enough to tell that it has not changed since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub hash: [u8; 32],
}

impl Stamp {
    pub fn of(bytes: &[u8]) -> Self {
        Stamp {
            len: bytes.len() as u64,
            hash: *blake3::hash(bytes).as_bytes(),
        }
    }
}

/// How a fixed file was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// A new file renamed over the old one.
    Replaced,
    /// The same file rewritten (several hard links, or an owner this user cannot set).
    InPlace,
}

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum Refused {
    /// The file changed after it was read (an edit saved meanwhile).
    Changed,
    /// The file is read-only, or not writable by this user.
    ReadOnly,
    Io(io::Error),
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::Changed => write!(
                f,
                "the file changed on disk while it was being checked; not fixed (run mtlint again)"
            ),
            Refused::ReadOnly => write!(f, "the file is read-only; not fixed"),
            Refused::Io(e) => write!(f, "could not write the fixed file: {e}"),
        }
    }
}

impl From<io::Error> for Refused {
    fn from(e: io::Error) -> Self {
        Refused::Io(e)
    }
}

/// Replaces the contents of the file at `path`, which held the bytes `read` describes, by
/// `contents` (see the module documentation for the guarantees).
pub fn write_fixed(path: &Path, read: &Stamp, contents: &[u8]) -> Result<Written, Refused> {
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let before = fs::metadata(&target)?;
    if is_read_only(&before) {
        return Err(Refused::ReadOnly);
    }
    // Opening for writing changes nothing, and tells whether this user may write the file.
    let mut file = match OpenOptions::new().read(true).write(true).open(&target) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Err(Refused::ReadOnly),
        Err(e) => return Err(e.into()),
    };
    let mut current = Vec::with_capacity(before.len() as usize);
    file.read_to_end(&mut current)?;
    if Stamp::of(&current) != *read {
        return Err(Refused::Changed);
    }
    if links(&before) > 1 {
        write_in_place(&mut file, &current, contents)?;
        return Ok(Written::InPlace);
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".mtlint-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    fs::set_permissions(tmp.path(), before.permissions())?;
    if !same_owner(tmp.as_file(), &before) {
        // This user cannot hand a new file to the owner: rewrite the file itself instead.
        drop(tmp);
        write_in_place(&mut file, &current, contents)?;
        return Ok(Written::InPlace);
    }
    // The last look before the rename: still the same file, untouched since it was read.
    let now = fs::metadata(&target)?;
    if !same_version(&before, &now) {
        return Err(Refused::Changed);
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(&dir);
    Ok(Written::Replaced)
}

/// Rewrites an open file with `contents`; on failure puts `original` back (best effort).
fn write_in_place(file: &mut File, original: &[u8], contents: &[u8]) -> io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let mut put = |bytes: &[u8]| -> io::Result<()> {
        file.seek(SeekFrom::Start(0))?;
        file.write_all(bytes)?;
        file.set_len(bytes.len() as u64)?;
        file.sync_all()
    };
    put(contents).inspect_err(|_| {
        let _ = put(original);
    })
}

fn is_read_only(m: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        m.permissions().mode() & 0o222 == 0
    }
    #[cfg(not(unix))]
    {
        m.permissions().readonly()
    }
}

fn links(m: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        m.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        1
    }
}

/// Gives `tmp` the owner and group of the original; false if that is not possible.
fn same_owner(tmp: &File, original: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(m) = tmp.metadata() else {
            return false;
        };
        if (m.uid(), m.gid()) == (original.uid(), original.gid()) {
            return true;
        }
        std::os::unix::fs::fchown(tmp, Some(original.uid()), Some(original.gid())).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = (tmp, original);
        true
    }
}

/// Same inode, size and modification time.
fn same_version(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if (a.dev(), a.ino()) != (b.dev(), b.ino()) {
            return false;
        }
    }
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// Makes the rename durable (best effort: not every file system can sync a directory).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(dir: &Path, name: &str, text: &str) -> (PathBuf, Stamp) {
        let p = dir.join(name);
        fs::write(&p, text).unwrap();
        (p, Stamp::of(text.as_bytes()))
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_content_keeps_permissions_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let (p, stamp) = file(dir.path(), "a.txt", "old");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        }
        assert_eq!(
            write_fixed(&p, &stamp, b"new\r\n").unwrap(),
            Written::Replaced
        );
        assert_eq!(fs::read(&p).unwrap(), b"new\r\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        assert_eq!(names(dir.path()), ["a.txt"]);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let (p, stamp) = file(dir.path(), "a.txt", "the the text");
        fs::write(&p, "an edit saved meanwhile").unwrap();
        assert!(matches!(
            write_fixed(&p, &stamp, b"the text"),
            Err(Refused::Changed)
        ));
        assert_eq!(fs::read_to_string(&p).unwrap(), "an edit saved meanwhile");
        assert_eq!(names(dir.path()), ["a.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn read_only_files_are_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (p, stamp) = file(dir.path(), "a.txt", "old");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
        assert!(matches!(
            write_fixed(&p, &stamp, b"new"),
            Err(Refused::ReadOnly)
        ));
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_stay_one_file() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (p, stamp) = file(dir.path(), "a.txt", "old text");
        let q = dir.path().join("b.txt");
        fs::hard_link(&p, &q).unwrap();
        let ino = fs::metadata(&p).unwrap().ino();
        assert_eq!(write_fixed(&p, &stamp, b"new").unwrap(), Written::InPlace);
        assert_eq!(fs::read(&q).unwrap(), b"new");
        assert_eq!(fs::metadata(&p).unwrap().ino(), ino);
        assert_eq!(fs::metadata(&q).unwrap().nlink(), 2);
        assert_eq!(names(dir.path()), ["a.txt", "b.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn follows_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let (real, stamp) = file(dir.path(), "real.txt", "old");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_fixed(&link, &stamp, b"new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn owner_and_group_are_kept() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (p, stamp) = file(dir.path(), "a.txt", "old");
        let me = fs::metadata(&p).unwrap();
        // As root, hand the file to another user first; otherwise it is ours and stays ours.
        let other = std::os::unix::fs::chown(&p, Some(12345), Some(12345)).is_ok();
        write_fixed(&p, &stamp, b"new").unwrap();
        let after = fs::metadata(&p).unwrap();
        if other {
            assert_eq!((after.uid(), after.gid()), (12345, 12345));
        } else {
            assert_eq!((after.uid(), after.gid()), (me.uid(), me.gid()));
        }
        assert_eq!(fs::read(&p).unwrap(), b"new");
    }
}
