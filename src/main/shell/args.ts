/** Command-line options of the desktop host. Pure: the unit tests load it without electron. */

/**
 * The `--db` value from the process arguments (`--db path` or `--db=path`), else undefined. Chromium ignores switches
 * it does not know, so `electron . --db x` reaches us intact.
 */
export function dbArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--db') {
      const next = argv[i + 1];
      return next !== undefined && next !== '' && !next.startsWith('--') ? next : undefined;
    }
    if (a?.startsWith('--db=')) {
      const v = a.slice('--db='.length);
      return v === '' ? undefined : v;
    }
  }
  return undefined;
}
