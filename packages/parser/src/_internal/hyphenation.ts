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
    if (word.includes('-')) {
      // "most-favoured-nation" also vouches for "favoured-nation" broken at its second hyphen.
      const parts = word.split('-');
      for (let i = 0; i < parts.length - 1; i++) this.compounds.add(`${parts[i]}-${parts[i + 1]}`);
    } else this.words.add(word);
  }

  /** Joins `left` (ending in a hyphen) with `right`, the next line. */
  join(left: string, right: string): string {
    const head = /([\p{L}]+)-$/u.exec(left);
    if (!head?.[1]) return `${left} ${right}`;
    // "ASEAN-" + "Australia", "Annex 3-" + "A": a capital or digit after the break means a real hyphen.
    const tail = /^([\p{Ll}]+)/u.exec(right);
    if (!tail?.[1]) return /^[\p{Lu}\p{N}]/u.test(right) ? left + right : `${left} ${right}`;
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
    // Both halves stand as words on their own: most likely a real compound ("rules-based");
    // otherwise a fragment was cut by the line break ("ad-" + "vance").
    return this.words.has(a) && this.words.has(b) && a.length > 2 && !FUNCTION_WORDS.has(a) && !FUNCTION_WORDS.has(b);
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
  'e',
  'sui',
]);

const SUFFIXES =
  /^(?:tion|tions|sion|sions|ment|ments|ing|ings|ity|ities|ance|ances|ence|ences|ness|ture|tures|able|ible|ary|ory|ive|ives|ous|ally|ical|ised|ized|isation|ization|ism|ist|ists|ure|ures|ated|ation|ations|ency|ancy|ant|ants|ent|ents|ial|ially|ular|ed|er|ers|es|ly|al|ic|ics|ción|ciones|sión|siones|miento|mientos|mente|dad|dades|ité|ités|ment|ments|tion|tions|eur|eurs)$/u;

/** Words that never form compounds: "between-" + "them" is a line break. */
const FUNCTION_WORDS = new Set(
  'the them they their this that these those there then than and with which what when where while within without between among about above after before under over into onto from shall should would could will have has had been being other such each any all some its our your his her not nor but for per'.split(
    ' ',
  ),
);
