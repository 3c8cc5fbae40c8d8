/** The catalog's version, reported by its docs and shared with the edge bundle. */
export const CATALOG_VERSION = "0.1.0";
