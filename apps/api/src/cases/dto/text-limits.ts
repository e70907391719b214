/** Free text (descriptions, summaries, rationales): api.md allows up to 10,000 characters. */
export const LONG_TEXT = 10_000;
/** Names, references, titles, categories. */
export const SHORT_TEXT = 300;
