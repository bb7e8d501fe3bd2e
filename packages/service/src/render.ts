import type { Analysis, ReportedCheck } from '@ccm/contracts';
import { hasPages } from './remedy.ts';
import { terminalText } from './safe.ts';

/*
 * The CLI's output shapes for a scorecard. Pages are cited only where the source has pages
 * (PDF); ToTA XML, text, HTML and DOCX cite the article alone, never an invented "p. 1".
 */

const WORD = { pass: 'PASS', fail: 'FAIL', not_applicable: 'N/A ' } as const;
const MARK = { pass: '✅ pass', fail: '❌ fail', not_applicable: '➖ not applicable' } as const;
const MAX_EVIDENCE = 3;

const tally = (card: Analysis['scorecard']) =>
  `${card.passed}/${card.total - card.notApplicable} checks pass${card.notApplicable ? ` (${card.notApplicable} not applicable)` : ''}`;

function cite(check: ReportedCheck, paged: boolean): string[] {
  const shown = check.evidence
    .slice(0, MAX_EVIDENCE)
    .map((e) => `${e.citation}${paged ? `, p. ${e.pageStart}` : ''}: “${terminalText(e.quote)}”`);
  if (check.evidence.length > MAX_EVIDENCE) shown.push(`… and ${check.evidence.length - MAX_EVIDENCE} more`);
  return shown;
}

/** What a failure needs: the remedy and, when the corpus has one, the model clause with its citation. */
function toPass(check: ReportedCheck): string[] {
  if (check.status !== 'fail') return [];
  const out = check.remedy ? [`To pass: ${check.remedy}`] : [];
  const m = check.modelClause;
  if (m) out.push(`Model: ${terminalText(m.title)} (${m.agreementId}), ${m.citation}: “${terminalText(m.quote)}”`);
  return out;
}

const title = (a: Analysis) => terminalText(`${a.title}${a.fileName ? ` (${a.fileName})` : ''}`);

/** The scorecard for a terminal: one line per check, its evidence (and for a failure, the way to pass) below. */
export function analysisTable(a: Analysis): string {
  const card = a.scorecard;
  const paged = hasPages(a.format);
  const out = [title(a), `Guidelines 18–19 scorecard: ${tally(card)}`, ''];
  const width = Math.max(...card.checks.map((c) => c.title.length));
  const pad = `      ${' '.repeat(width)}  `;
  for (const check of card.checks) {
    out.push(`${WORD[check.status]}  ${check.title.padEnd(width)}  ${check.explanation}`);
    for (const line of cite(check, paged)) out.push(`${pad}· ${line}`);
    for (const line of toPass(check)) out.push(`${pad}→ ${line}`);
  }
  out.push('', `classifier ${card.classifier}`);
  return `${out.join('\n')}\n`;
}

const cell = (s: string) => terminalText(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The scorecard as Markdown, to paste into a memo. */
export function analysisMarkdown(a: Analysis): string {
  const card = a.scorecard;
  const paged = hasPages(a.format);
  const out = [
    `## ${cell(title(a))}: Guidelines 18–19 scorecard`,
    '',
    `**${tally(card).replace('/', ' of ')}.**`,
    '',
    '| Check | Result | Finding | Evidence | To pass |',
    '|---|---|---|---|---|',
  ];
  for (const check of card.checks) {
    const evidence = cite(check, paged).map(cell).join('<br>');
    const pass = toPass(check)
      .map((l) => cell(l.replace(/^To pass: /, '')))
      .join('<br>');
    out.push(`| ${check.title} | ${MARK[check.status]} | ${cell(check.explanation)} | ${evidence} | ${pass} |`);
  }
  out.push(
    '',
    `*Classifier ${card.classifier}. Evidence cites the provision${paged ? ' and its page' : ''} in the source.*`,
  );
  return `${out.join('\n')}\n`;
}
