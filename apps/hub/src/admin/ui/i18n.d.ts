// Types for the tests that read the UI's dictionaries; the UI itself is plain JavaScript.
export declare const DICTIONARIES: { readonly en: Readonly<Record<string, string>>; readonly zh: Readonly<Record<string, string>> };
export declare function t(key: string, params?: Record<string, string | number>): string;
