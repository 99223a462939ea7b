/** The most rows one CSV export carries; the link's tooltip and the file name say so. */
export const EXPORT_MAX_ROWS = 10_000;
