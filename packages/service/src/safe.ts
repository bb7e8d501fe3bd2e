/*
 * Output safety (issue 12): what leaves ccm for a spreadsheet or a terminal cannot act there.
 */

/**
 * OWASP's CSV-injection rule: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return
 * is read as a formula by spreadsheets; a leading `'` makes it text. Numbers stay numbers.
 */
export function csvCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(?:\.\d+)?$/.test(value) ? `'${value}` : value;
}

// C0 controls but tab and newline, DEL, C1 controls (CSI 0x9b among them), and the bidi
// overrides that can reorder what a reader sees.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// ESC sequences whole (CSI … final byte, OSC … BEL/ST), so no fragment of one survives.
const ESCAPE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;

/** Text from a document, safe to print on a terminal: escape sequences and control characters removed. */
export function terminalText(text: string): string {
  return text.replace(ESCAPE, '').replace(CONTROL, '');
}

/** A file name as a terminal line shows it: control characters (a newline too) escaped, visibly. */
export function shownName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code === 10 ? '\\n' : code === 13 ? '\\r' : code === 9 ? '\\t' : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
