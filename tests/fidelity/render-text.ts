import type { Rendering } from './render.ts';
import { isConclusion, isPreamble, paragraphsOf, type TotaAgreement } from './tota-source.ts';
import { articleKeyword, language } from './wording.ts';

/** Lines per page of the hard-wrapped text, and its width in characters. */
const PAGE_LINES = 55;
const WIDTH = 70;

interface Block {
  heading: boolean;
  lines: string[];
}

/**
 * Writes an agreement out as plain text the way agreements reach us as .txt files:
 * `wrapped`, hard-wrapped at about 70 columns with blank lines between paragraphs, a heading's
 * keyword and number on one line and its title on the next, and page-footer debris every 55
 * lines (a bare page number line, or a document code such as `4-91-3` glued to the page's last
 * line of text); `oneline`, the same text with no line break at all and no page furniture.
 * Some articles have run-in headings (`Article 5. - The Parties shall…`).
 */
export function renderText(agreement: TotaAgreement, mode: 'wrapped' | 'oneline'): Rendering {
  const blocks = textBlocks(agreement);
  const encode = (text: string) => new TextEncoder().encode(text);
  if (mode === 'oneline') {
    const text = blocks
      .flatMap((b) => b.lines)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    return {
      bytes: encode(`${text}\n`),
      fileName: `${agreement.id}.txt`,
      footnotes: [],
      pages: 1,
      expectedText: new Map(),
    };
  }

  const lines: { text: string; heading: boolean }[] = [];
  for (const block of blocks) {
    if (lines.length > 0) lines.push({ text: '', heading: false });
    for (const line of block.lines) {
      for (const wrapped of block.heading ? [line] : wrap(line)) lines.push({ text: wrapped, heading: block.heading });
    }
  }
  const out: string[] = [];
  let page = 1;
  for (let start = 0; start < lines.length; start += PAGE_LINES) {
    const body = lines.slice(start, start + PAGE_LINES);
    const more = start + PAGE_LINES < lines.length;
    let last = body.length - 1;
    while (last >= 0 && !body[last]?.text) last--;
    const closing = body[last];
    // Debris goes only where a footer would print: never on a heading line (its number would change).
    if (more && page % 2 === 1 && closing && !closing.heading) {
      closing.text = `${closing.text} 4-${agreement.id}-${page}`;
      out.push(...body.map((l) => l.text));
    } else {
      out.push(...body.map((l) => l.text));
      if (more) out.push('', `${' '.repeat(34)}${page}`, '');
    }
    page++;
  }
  return {
    bytes: encode(`${out.join('\n')}\n`),
    fileName: `${agreement.id}.txt`,
    footnotes: [],
    pages: page - 1,
    expectedText: new Map(),
  };
}

function textBlocks(agreement: TotaAgreement): Block[] {
  const keyword = articleKeyword[language(agreement.language)];
  const blocks: Block[] = [{ heading: true, lines: wrap(agreement.title.toUpperCase()) }];
  let untitled = 0;
  let titled = 0;
  for (const chapter of agreement.chapters) {
    const preamble = isPreamble(chapter);
    const conclusion = isConclusion(chapter);
    const numbered = !preamble && !conclusion;
    if (chapter.number) {
      blocks.push({ heading: true, lines: [chapter.number.toUpperCase(), ...wrap(chapter.name.toUpperCase())] });
    } else if (chapter.name && numbered) {
      blocks.push({ heading: true, lines: wrap(chapter.name.toUpperCase()) });
    }
    for (const article of chapter.articles) {
      const paragraphs = paragraphsOf(article.text);
      if (article.number && numbered) {
        // Every other untitled article and every fifth titled one (its title left out) is run in.
        const runIn = paragraphs.length > 0 && (article.name ? titled++ % 5 === 4 : untitled++ % 2 === 0);
        if (runIn) paragraphs[0] = `${keyword} ${article.number}. - ${paragraphs[0]}`;
        else blocks.push({ heading: true, lines: [`${keyword} ${article.number}`, ...wrap(article.name)] });
      } else if (article.name && numbered) {
        blocks.push({ heading: true, lines: wrap(article.name) });
      }
      for (const paragraph of paragraphs) blocks.push({ heading: false, lines: [paragraph] });
    }
  }
  return blocks;
}

/** Greedy wrapping at word boundaries, no hyphenation (a word longer than a line stays whole). */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
