import { limitExceeded } from '../errors.ts';
import type { ParseLimits } from '../types.ts';

/**
 * Checks XML before a parser sees it: element nesting no deeper than maxXmlDepth (deep nesting
 * overflows the stack of recursive readers) and at most maxXmlEntities entity declarations (the
 * billion laughs is built from them; ToTA and DOCX parts declare none). One pass over the
 * characters, no tree; quoted attribute values, comments, CDATA and processing instructions are
 * skipped as XML defines them.
 */
export function checkXml(
  xml: string,
  limits: Pick<ParseLimits, 'maxXmlDepth' | 'maxXmlEntities'>,
  what = 'the XML',
): void {
  let depth = 0;
  let entities = 0;
  const n = xml.length;
  let i = xml.indexOf('<');
  while (i >= 0 && i < n) {
    const next = xml.charCodeAt(i + 1);
    if (next === 0x2f /* / */) {
      depth--;
    } else if (next === 0x3f /* ? */) {
      i = skipTo(xml, '?>', i + 2);
    } else if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', i)) i = skipTo(xml, '-->', i + 4);
      else if (xml.startsWith('<![CDATA[', i)) i = skipTo(xml, ']]>', i + 9);
      else {
        // <!DOCTYPE …[ … ]>: count its entity declarations, then skip it whole.
        const open = xml.indexOf('[', i);
        const close = xml.indexOf('>', i);
        let end = close;
        if (open >= 0 && open < close) {
          const subsetEnd = xml.indexOf(']', open);
          end = subsetEnd < 0 ? n : xml.indexOf('>', subsetEnd);
          const subset = xml.slice(open, subsetEnd < 0 ? n : subsetEnd);
          entities += subset.split('<!ENTITY').length - 1;
          if (entities > limits.maxXmlEntities) {
            throw limitExceeded(
              'maxXmlEntities',
              `${what} declares ${entities} entities (entity expansion is how XML bombs work)`,
              limits.maxXmlEntities,
            );
          }
        }
        i = end < 0 ? n : end;
      }
    } else {
      // A start tag: find its end outside quoted attribute values; `/>` closes it at once.
      let j = i + 1;
      let quote = 0;
      for (; j < n; j++) {
        const c = xml.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e /* > */) break;
      }
      if (xml.charCodeAt(j - 1) !== 0x2f && ++depth > limits.maxXmlDepth) {
        throw limitExceeded(
          'maxXmlDepth',
          `${what} nests elements deeper than ${limits.maxXmlDepth}`,
          limits.maxXmlDepth,
        );
      }
      i = j;
    }
    i = xml.indexOf('<', i + 1);
  }
}

function skipTo(xml: string, end: string, from: number): number {
  const k = xml.indexOf(end, from);
  return k < 0 ? xml.length : k + end.length - 1;
}
