// 导入试卷: paste a paper (or read a .txt file in the browser), preview what
// the parser understood with its problems by line, fix, and save it into
// the question bank.
import { useRef, useState, type ChangeEvent } from 'react';
import { api } from '../lib/api';
import { t } from '../lib/i18n';
import { navigate } from '../lib/router';
import { Link } from '../lib/ui';
import type { PaperPreview, Problem, SavedPaper } from './types';
import { PaperView } from './PaperView';
import { TrainerTabs, errorText, pick, ErrorLine } from './ui';
import './training.css';

const MAX_FILE = 1_000_000;

export function PaperImport() {
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<PaperPreview | null>(null);
  const [previewed, setPreviewed] = useState(''); // the text the preview is of
  const [role, setRole] = useState('');
  const [tags, setTags] = useState('');
  const [ignore, setIgnore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [saveError, setSaveError] = useState('');
  const [fileName, setFileName] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    if (f.size > MAX_FILE) {
      setError(t('tr.import.tooBig'));
      return;
    }
    // GB18030 files are common; fall back to it when UTF-8 does not decode.
    const buf = await f.arrayBuffer();
    let s: string;
    try {
      s = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      s = new TextDecoder('gb18030').decode(buf);
    }
    setFileName(f.name);
    setText(s.replace(/^\uFEFF/, ''));
    setError('');
    void runPreview(s);
  }

  async function runPreview(s = text) {
    if (!s.trim()) {
      setError(t('tr.import.empty'));
      return;
    }
    setBusy(true);
    setError('');
    setSaveError('');
    try {
      const p = await api.post<PaperPreview>('/training/papers/preview', { text: s });
      setPreview(p);
      setPreviewed(s);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    setBusy(true);
    setSaveError('');
    try {
      const body: Record<string, unknown> = { text };
      if (role.trim()) body.role = role.trim();
      const tagList = tags.split(/[,，、\s]+/).filter(Boolean);
      if (tagList.length) body.tags = tagList;
      if (ignore) body.ignore_problems = true;
      const p = await api.post<SavedPaper>('/training/papers', body);
      navigate(`/console/training?saved=${encodeURIComponent(p.id)}`);
    } catch (e) {
      setSaveError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  // Selects the problem's line in the text so it can be fixed at once.
  function locate(line: number) {
    const el = area.current;
    if (!el || line < 1) return;
    const lines = text.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  }

  const stale = preview !== null && previewed !== text;
  const problems = preview?.problems ?? [];

  return (
    <div className="tr-page">
      <TrainerTabs active="/console/training" />
      <div className="tr-head">
        <h1>{t('tr.import.title')}</h1>
        <Link to="/console/training">{t('tr.back')}</Link>
      </div>
      <div className="tr-import">
        <section className="panel tr-import-input">
          <label htmlFor="paper-text">{t('tr.import.paste')}</label>
          <textarea
            id="paper-text"
            ref={area}
            data-testid="paper-text"
            rows={18}
            spellCheck={false}
            value={text}
            placeholder={t('tr.import.placeholder')}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="tr-row">
            <label className="tr-file">
              {t('tr.import.file')}
              <input type="file" accept=".txt,text/plain" data-testid="paper-file" onChange={readFile} />
              <span className="tr-file-name">{fileName || t('tr.import.noFile')}</span>
            </label>
            <button className="primary" disabled={busy || !text.trim()} onClick={() => runPreview()} data-testid="preview-paper">
              {t('tr.import.preview')}
            </button>
          </div>
          <ErrorLine text={error} />
        </section>

        <section className="panel tr-import-result" aria-live="polite">
          {!preview && <p className="muted">{t('tr.import.hint')}</p>}
          {preview && (
            <>
              {stale && <p className="tr-warnbox">{t('tr.import.stale')}</p>}
              <Problems problems={problems} onLocate={locate} />
              <SaveForm
                role={role}
                tags={tags}
                ignore={ignore}
                hasProblems={problems.length > 0}
                busy={busy}
                error={saveError}
                onRole={setRole}
                onTags={setTags}
                onIgnore={setIgnore}
                onSave={save}
              />
              <PaperView paper={preview} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function Problems({ problems, onLocate }: { problems: Problem[]; onLocate: (line: number) => void }) {
  if (problems.length === 0) {
    return (
      <p className="tr-okbox" data-testid="preview-clean">
        {t('tr.import.clean')}
      </p>
    );
  }
  return (
    <div className="tr-problems" data-testid="paper-problems" role="alert">
      <h3>{t('tr.import.problems', { n: problems.length })}</h3>
      <ul>
        {problems.map((p, i) => (
          <li key={i} data-testid="paper-problem">
            <span className="tr-line">{p.line > 0 ? t('tr.import.line', { n: p.line }) : t('tr.import.noLine')}</span>
            <span>{pick(p.message)}</span>
            <span className="mono muted small">{p.code}</span>
            {p.line > 0 && (
              <button className="link" onClick={() => onLocate(p.line)}>
                {t('tr.import.locate')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SaveForm(p: {
  role: string;
  tags: string;
  ignore: boolean;
  hasProblems: boolean;
  busy: boolean;
  error: string;
  onRole: (s: string) => void;
  onTags: (s: string) => void;
  onIgnore: (b: boolean) => void;
  onSave: () => void;
}) {
  return (
    <form
      className="tr-save"
      data-testid="save-paper-form"
      onSubmit={(e) => {
        e.preventDefault();
        p.onSave();
      }}
    >
      <label>
        {t('tr.import.role')}
        <input name="role" value={p.role} maxLength={100} placeholder={t('tr.import.rolePh')} onChange={(e) => p.onRole(e.target.value)} />
      </label>
      <label>
        {t('tr.tags')}
        <input name="tags" value={p.tags} placeholder={t('tr.import.tagsPh')} onChange={(e) => p.onTags(e.target.value)} />
      </label>
      {p.hasProblems && (
        <label className="tr-check">
          <input type="checkbox" name="ignore_problems" checked={p.ignore} onChange={(e) => p.onIgnore(e.target.checked)} />
          {t('tr.import.ignore')}
        </label>
      )}
      <button type="submit" className="primary" disabled={p.busy} data-testid="save-paper">
        {t('tr.import.save')}
      </button>
      {p.error && (
        <p className="error tr-save-error" role="alert" data-testid="save-error">
          {p.error}
        </p>
      )}
    </form>
  );
}
