-- End-to-end check of `mtlint lsp` in a real Neovim (run by tests/nvim.rs):
--   nvim --headless --clean -l tests/nvim/lsp_quickfix.lua MTLINT_BINARY FILE EXPECTED_LINE
-- Opens FILE, starts the server, waits for its diagnostics, asks for code actions on the
-- repeated word, applies the preferred quick fix, checks line 3 of the buffer, and waits for the
-- diagnostic to go. Prints "OK <filetype> <n diagnostics>" and exits 0, or "FAIL: ..." and 1.
local bin, file, expected = arg[1], arg[2], arg[3]

local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  os.exit(1)
end

vim.cmd('filetype on')
vim.cmd.edit(vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start({
  name = 'mtlint',
  cmd = { bin, 'lsp', '--no-config' },
  root_dir = vim.fs.dirname(file),
})
if not client_id then
  fail('the client did not start')
end

local function repeated()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'repetition/repeated-word' then
      return d
    end
  end
end

if not vim.wait(30000, function() return repeated() ~= nil end, 50) then
  fail('no repeated-word diagnostic: ' .. vim.inspect(vim.diagnostic.get(buf)))
end
local target = repeated()
local count = #vim.diagnostic.get(buf)
local lsp_diag = target.user_data and target.user_data.lsp
if not lsp_diag then
  fail('the diagnostic has no LSP data')
end

local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = lsp_diag.range,
  context = { diagnostics = { lsp_diag } },
}
local results = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 20000)
local action
for _, r in pairs(results or {}) do
  for _, a in ipairs(r.result or {}) do
    if a.kind == 'quickfix' and a.isPreferred then
      action = a
    end
  end
end
if not action then
  fail('no preferred quick fix: ' .. vim.inspect(results))
end
-- In the encoding the server chose (Neovim offers UTF-8: mtlint takes it).
local client = vim.lsp.get_client_by_id(client_id)
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
local line = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
if line ~= expected then
  fail(string.format('line 3 is %q, expected %q', line, expected))
end
if not vim.wait(30000, function() return repeated() == nil end, 50) then
  fail('the diagnostic did not go after the fix')
end
print(string.format('OK %s %d %s', vim.bo[buf].filetype, count, client.offset_encoding))
vim.lsp.stop_client(client_id)
os.exit(0)
