/**
 * How much decoded image data the tab holds at once (bytes): loading checks it from the
 * headers before decoding, and restoring a saved dataset after a reload checks it again.
 */
export const MEMORY_BUDGET = 1.5 * 1024 ** 3;
