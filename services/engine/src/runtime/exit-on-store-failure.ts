// What a replica does when a batch it committed cannot be stored (command-processor.ts).
/**
 * The default answer to a committed batch not stored (lease past, or its write failed): what this
 * replica holds is ahead of the store, and it may have lost the partitions. Exiting at once, with
 * nothing more written, lets the next owner replay. 70: EX_SOFTWARE.
 */
export function exitOnStoreFailure(logError: (message: string, error: unknown) => void) {
  return (error: Error) => {
    const what = 'a committed batch could not be stored (its lease expired, or its write failed)';
    logError(`${what}; this replica exits so that its partitions are replayed`, error);
    process.exit(70);
  };
}
