/** Runs a script's `main(argv)` and exits with its code; an unexpected error prints its stack and exits 2. */
export function runScript(main: (args: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(2);
    },
  );
}
