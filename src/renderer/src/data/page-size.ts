/** Stop sales per list call: a page is what a few screens show, and one call's answer stays small. */
export const PAGE_SIZE = 100
