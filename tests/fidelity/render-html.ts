import type { RenderedFootnote, Rendering } from './render.ts';
import { isConclusion, isPreamble, paragraphsOf, type TotaAgreement } from './tota-source.ts';
import { articleKeyword, language } from './wording.ts';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Writes an agreement as a web page the way official journals and trade portals publish them:
 * `<h2>` chapters, article headings as `<h3>` or, EUR-Lex style, `<p class="ti-art">` with the
 * title in `<p class="sti-art">` (odd treaty ids), `<p>` paragraphs, and footnotes called as
 * `<sup><a href="#fnN">N</a></sup>` from some article titles with their bodies at the end.
 */
export function renderHtml(agreement: TotaAgreement): Rendering {
  const lang = language(agreement.language);
  const keyword = articleKeyword[lang];
  const eurLex = Number(agreement.id) % 2 === 1;
  const footnotes: RenderedFootnote[] = [];
  const html: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(agreement.title)}</title>`,
    '</head>',
    '<body>',
    '<div class="document">',
    `<h1>${escapeHtml(agreement.title)}</h1>`,
  ];
  let articleCount = 0;
  for (const chapter of agreement.chapters) {
    const numbered = !isPreamble(chapter) && !isConclusion(chapter);
    if (chapter.number || (chapter.name && numbered)) {
      html.push(`<h2>${[chapter.number, chapter.name].filter(Boolean).map(escapeHtml).join('<br>')}</h2>`);
    }
    for (const article of chapter.articles) {
      if (article.number && numbered) {
        articleCount++;
        let call = '';
        if (article.name && articleCount % 5 === 0) {
          const marker = String(footnotes.length + 1);
          const text = `The heading of ${keyword} ${article.number} is given for reference only (ToTA article ${article.sourceId}).`;
          footnotes.push({ sourceId: article.sourceId, marker, text });
          call = `<sup><a href="#fn${marker}" id="fnref${marker}">${marker}</a></sup>`;
        }
        const head = escapeHtml(`${keyword} ${article.number}`);
        if (eurLex) {
          html.push(`<p class="ti-art">${head}</p>`);
          if (article.name) html.push(`<p class="sti-art">${escapeHtml(article.name)}${call}</p>`);
        } else {
          html.push(`<h3>${head}${article.name ? `<br>${escapeHtml(article.name)}` : ''}${call}</h3>`);
        }
      } else if (article.name && numbered) {
        html.push(
          eurLex ? `<p class="sti-art">${escapeHtml(article.name)}</p>` : `<h3>${escapeHtml(article.name)}</h3>`,
        );
      }
      for (const paragraph of paragraphsOf(article.text)) html.push(`<p>${escapeHtml(paragraph)}</p>`);
    }
  }
  html.push('</div>');
  if (footnotes.length > 0) {
    html.push('<hr>', '<div class="footnotes">');
    for (const f of footnotes) {
      html.push(`<p id="fn${f.marker}"><a href="#fnref${f.marker}">${f.marker}</a> ${escapeHtml(f.text)}</p>`);
    }
    html.push('</div>');
  }
  html.push('</body>', '</html>');
  return {
    bytes: new TextEncoder().encode(`${html.join('\n')}\n`),
    fileName: `${agreement.id}.html`,
    footnotes,
    pages: 1,
    expectedText: new Map(),
  };
}
