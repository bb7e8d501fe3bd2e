import type { Check, Scorecard } from './scorecard.ts';

const MAX_EVIDENCE = 3;

function cite(check: Check): string[] {
  const shown = check.evidence.slice(0, MAX_EVIDENCE).map((e) => `${e.citation}, p. ${e.pageStart}: “${e.quote}”`);
  if (check.evidence.length > MAX_EVIDENCE) shown.push(`… and ${check.evidence.length - MAX_EVIDENCE} more`);
  return shown;
}

/** The scorecard for a terminal: one line per check, its evidence indented below. */
export function scorecardTable(card: Scorecard, title: string): string {
  const out = [`${title}`, `Guidelines 18–19 scorecard: ${card.passed}/${card.total} checks pass`, ''];
  const width = Math.max(...card.checks.map((c) => c.title.length));
  for (const check of card.checks) {
    out.push(`${check.passed ? 'PASS' : 'FAIL'}  ${check.title.padEnd(width)}  ${check.explanation}`);
    for (const line of check.passed ? cite(check) : []) out.push(`      ${' '.repeat(width)}  · ${line}`);
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
    `**${card.passed} of ${card.total} checks pass.**`,
    '',
    '| Check | Result | Finding | Evidence |',
    '|---|---|---|---|',
  ];
  for (const check of card.checks) {
    const evidence = check.passed ? cite(check).map(cell).join('<br>') : '';
    out.push(`| ${check.title} | ${check.passed ? '✅ pass' : '❌ fail'} | ${cell(check.explanation)} | ${evidence} |`);
  }
  out.push('', `*Classifier ${card.classifier}. Evidence cites the provision and its page in the source.*`);
  return out.join('\n');
}
