/**
 * Decides, for a word broken at a line end ("transpar-" + "ency", "non-" + "originating"),
 * whether the hyphen is a line-break artefact or a real compound hyphen. In agreements most
 * line-end hyphens are real ("most-favoured-nation"), so the hyphen goes only when evidence
 * says so: the joined word occurs elsewhere in the document, or the tail is a bare suffix.
 */
export class Dehyphenator {
  private readonly words = new Set<string>();
  private readonly compounds = new Set<string>();

  constructor(lines: Iterable<string>) {
    for (const line of lines) {
      // The last token of a line may itself be broken; it proves nothing.
      const tokens = line.split(/\s+/);
      for (let i = 0; i < tokens.length - 1; i++) this.add(tokens[i] ?? '');
    }
  }

  private add(token: string): void {
    const word = token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').toLowerCase();
    if (!word) return;
    if (word.includes('-')) this.compounds.add(word);
    else this.words.add(word);
  }

  /** Joins `left` (ending in a hyphen) with `right`, the next line. */
  join(left: string, right: string): string {
    const head = /([\p{L}]+)-$/u.exec(left);
    const tail = /^([\p{Ll}]+)/u.exec(right);
    if (!head?.[1] || !tail?.[1]) return `${left} ${right}`;
    const a = head[1].toLowerCase();
    const b = tail[1].toLowerCase();
    if (this.keepsHyphen(a, b)) return left + right;
    return left.slice(0, -1) + right;
  }

  private keepsHyphen(a: string, b: string): boolean {
    if (this.compounds.has(`${a}-${b}`)) return true;
    if (this.words.has(a + b)) return false;
    if (COMPOUND_PREFIXES.has(a)) return true;
    if (SUFFIXES.test(b) || b.length <= 2) return false;
    // Both halves stand as words on their own: most likely a real compound ("rules-based").
    if (this.words.has(a) && this.words.has(b)) return true;
    // A fragment that is no word on its own was cut by the line break.
    return this.words.has(a) || this.words.has(b);
  }
}

const COMPOUND_PREFIXES = new Set([
  'non',
  'co',
  'self',
  'cross',
  'anti',
  'pre',
  'post',
  'semi',
  'quasi',
  'ex',
  'intra',
  'extra',
  'multi',
  'inter',
  'sub',
  'well',
  'long',
  'short',
  'third',
  'sub',
  'ad',
  'so',
  'e',
  'sui',
]);

const SUFFIXES =
  /^(?:tion|tions|sion|sions|ment|ments|ing|ings|ity|ities|ance|ances|ence|ences|ness|ture|tures|able|ible|ary|ory|ive|ives|ous|ally|ical|ised|ized|isation|ization|ism|ist|ists|ure|ures|ated|ation|ations|ency|ancy|ant|ants|ent|ents|ial|ially|ular|ed|er|ers|es|ly|al|ic|ics|ción|ciones|sión|siones|miento|mientos|mente|dad|dades|ité|ités|ment|ments|tion|tions|eur|eurs)$/u;
