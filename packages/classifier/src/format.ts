import type { Check, CheckStatus, Scorecard } from './scorecard.ts';

const WORD: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', not_applicable: 'N/A ' };
const MARK: Record<CheckStatus, string> = { pass: '✅ pass', fail: '❌ fail', not_applicable: '➖ not applicable' };

const tally = (card: Scorecard) =>
  `${card.passed}/${card.total - card.notApplicable} checks pass${card.notApplicable ? ` (${card.notApplicable} not applicable)` : ''}`;

const MAX_EVIDENCE = 3;

function cite(check: Check): string[] {
  const shown = check.evidence.slice(0, MAX_EVIDENCE).map((e) => `${e.citation}, p. ${e.pageStart}: “${e.quote}”`);
  if (check.evidence.length > MAX_EVIDENCE) shown.push(`… and ${check.evidence.length - MAX_EVIDENCE} more`);
  return shown;
}

/** The scorecard for a terminal: one line per check, its evidence indented below. */
export function scorecardTable(card: Scorecard, title: string): string {
  const out = [`${title}`, `Guidelines 18–19 scorecard: ${tally(card)}`, ''];
  const width = Math.max(...card.checks.map((c) => c.title.length));
  for (const check of card.checks) {
    out.push(`${WORD[check.status]}  ${check.title.padEnd(width)}  ${check.explanation}`);
    // A pass cites what proves it; a failure, what causes it.
    for (const line of cite(check)) out.push(`      ${' '.repeat(width)}  · ${line}`);
  }
  out.push('', `classifier ${card.classifier}`);
  return out.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The scorecard as Markdown, to paste into a memo. */
export function scorecardMarkdown(card: Scorecard, title: string): string {
  const out = [
    `## ${cell(title)}: Guidelines 18–19 scorecard`,
    '',
    `**${tally(card).replace('/', ' of ')}.**`,
    '',
    '| Check | Result | Finding | Evidence |',
    '|---|---|---|---|',
  ];
  for (const check of card.checks) {
    const evidence = cite(check).map(cell).join('<br>');
    out.push(`| ${check.title} | ${MARK[check.status]} | ${cell(check.explanation)} | ${evidence} |`);
  }
  out.push('', `*Classifier ${card.classifier}. Evidence cites the provision and its page in the source.*`);
  return out.join('\n');
}
