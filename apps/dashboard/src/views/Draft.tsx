import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ProgressEvent } from '../api.ts';
import { type Key, useT } from '../i18n.ts';
import { ErrorState, Loading, Query, useParam } from '../ui.tsx';

const TOKEN_KEY = 'ccm.token';
/** The steps a draft goes through, for the progress bar. */
const STEPS = ['upload', 'queued', 'parsing', 'done'];

/**
 * Upload a draft, follow its analysis, read its scorecard and model clauses, delete it. The token
 * stays in this tab's session storage, never in the URL; the draft id is in the URL so a reload
 * (with the same token) reopens it.
 */
export default function DraftCheck() {
  const { t } = useT();
  const client = useQueryClient();
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [draftId, setDraftId] = useParam('draft');
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const [over, setOver] = useState(false);

  const draft = useQuery({
    queryKey: ['draft', draftId, token],
    queryFn: () => api.draft(draftId, token),
    enabled: Boolean(draftId && token && !busy),
    retry: false,
  });

  async function upload(file: File) {
    setError(null);
    setDeleted(false);
    setBusy(true);
    setProgress({ status: 'upload' });
    try {
      const { id } = await api.uploadDraft(file, token);
      await api.draftEvents(id, token, setProgress);
      setDraftId(id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  async function remove() {
    try {
      await api.deleteDraft(draftId, token);
      client.removeQueries({ queryKey: ['draft', draftId] });
      setDraftId('');
      setDeleted(true);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section aria-labelledby="draft-title">
      <h2 id="draft-title">{t('draftTitle')}</h2>
      <p className="notice" role="note">
        {t('privacy')}
      </p>
      <label>
        {t('token')}{' '}
        <input
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => {
            setToken(e.target.value);
            sessionStorage.setItem(TOKEN_KEY, e.target.value);
          }}
        />
      </label>
      <label
        className={over ? 'drop over' : 'drop'}
        data-testid="drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer.files[0];
          if (file) void upload(file);
        }}
      >
        {t('dropHere')}
        <input
          type="file"
          accept=".pdf,.docx,.html,.htm,.txt,application/pdf,text/html,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          disabled={!token || busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
        />
      </label>
      {busy && (
        <div role="status" aria-live="polite">
          {t('parsing')}: {progress?.status}
          <progress
            value={STEPS.indexOf(progress?.status ?? 'upload') + 1}
            max={STEPS.length}
            aria-label={t('parsing')}
          />
        </div>
      )}
      {error != null && <ErrorState error={error} />}
      {deleted && (
        <p role="status" data-testid="deleted">
          {t('deleted')}
        </p>
      )}
      {draftId && !busy && (
        <Query query={draft}>
          {(draftView) => {
            const d = draftView.analysis;
            if (!d) return <Loading />;
            return (
              <div data-testid="draft-result">
                <h3>
                  {d.fileName ?? d.title}: {d.scorecard.passed} / {d.scorecard.total - d.scorecard.notApplicable}
                </h3>
                <button type="button" className="danger" onClick={remove}>
                  {t('deleteDraft')}
                </button>
                <ul className="checks">
                  {d.scorecard.checks.map((c) => (
                    <li key={c.id} className={`status ${c.status}`}>
                      <strong>{c.title}</strong>: {t(c.status as Key)}
                      <p>{c.explanation}</p>
                      {c.evidence.map((e) => (
                        <p key={`${e.provisionId}-${e.tag}`}>
                          <q>{e.quote}</q> — {e.citation}
                        </p>
                      ))}
                      {c.remedy && (
                        <p>
                          {t('remedy')}: {c.remedy}
                        </p>
                      )}
                      {c.modelClause && (
                        <figure className="model">
                          <figcaption>
                            {t('modelClauses')}: {c.modelClause.title}, {c.modelClause.citation}
                          </figcaption>
                          <blockquote>{c.modelClause.quote}</blockquote>
                          <CopyButton
                            text={`${c.modelClause.quote}\n(${c.modelClause.title}, ${c.modelClause.citation})`}
                          />
                        </figure>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            );
          }}
        </Query>
      )}
    </section>
  );
}

function CopyButton({ text }: { text: string }) {
  const { t } = useT();
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setDone(true);
      }}
    >
      {done ? t('copied') : t('copy')}
    </button>
  );
}
