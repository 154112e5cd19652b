// 新建考试: the settings, then the blueprint (sections drawn from the bank
// by type, paper and tags). The server answers 409 bank_too_small when the
// bank cannot fill a section; each row shows how many questions match.
import { useState, type FormEvent } from 'react';
import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { navigate } from '../lib/router';
import { Link } from '../lib/ui';
import type { Exam, Items, PaperSummary } from './types';
import { TrainerTabs, errorText, num, typeLabel, ErrorLine } from './ui';
import './training.css';

export const EXAM_TYPES = ['single_choice', 'multiple_choice', 'true_false', 'fill_in', 'short_answer', 'case_analysis'];
const SCORING = ['all_or_nothing', 'half_for_subset', 'proportional'];

interface Row {
  title: string;
  type: string;
  count: string;
  points_each: string;
  paper_id: string;
  tags: string;
}

const newRow = (type = 'single_choice'): Row => ({ title: '', type, count: '5', points_each: '2', paper_id: '', tags: '' });
const splitList = (s: string) => s.split(/[,，、\s]+/).filter(Boolean);

export function ExamCreate() {
  const papers = useLoad(() => api.get<Items<PaperSummary>>('/training/papers', { kind: 'exam', limit: 200 }), []);
  const [f, setF] = useState({
    title: '',
    time_limit_minutes: '30',
    max_attempts: '2',
    pass_percent: '70',
    multiple_choice_scoring: 'all_or_nothing',
    shuffle_options: true,
    certification: '',
    certificate_valid_days: '365',
    candidates: '',
  });
  const [rows, setRows] = useState<Row[]>([newRow()]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const set = (k: keyof typeof f, v: string | boolean) => setF((x) => ({ ...x, [k]: v }));
  const setRow = (i: number, k: keyof Row, v: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  const total = rows.reduce((s, r) => s + (Number(r.count) || 0) * (Number(r.points_each) || 0), 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const exam = await api.post<Exam>('/training/exams', {
        title: f.title.trim(),
        time_limit_minutes: Number(f.time_limit_minutes) || 0,
        max_attempts: Number(f.max_attempts) || 0,
        shuffle_options: f.shuffle_options,
        multiple_choice_scoring: f.multiple_choice_scoring,
        pass_percent: Number(f.pass_percent) || 0,
        certification: f.certification.trim(),
        certificate_valid_days: Number(f.certificate_valid_days) || 0,
        candidates: splitList(f.candidates),
        sections: rows.map((r) => ({
          title: r.title.trim() || typeLabel(r.type),
          type: r.type,
          count: Number(r.count) || 0,
          points_each: Number(r.points_each) || 0,
          tags: splitList(r.tags),
          paper_id: r.paper_id,
        })),
      });
      navigate(`/console/training/exams/${encodeURIComponent(exam.id)}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="tr-page">
      <TrainerTabs active="/console/training/exams" />
      <div className="tr-head">
        <h1>{t('tr.exam.new')}</h1>
        <Link to="/console/training/exams">{t('tr.back')}</Link>
      </div>
      <form className="tr-form" onSubmit={submit} data-testid="exam-form">
        <fieldset className="panel tr-grid">
          <legend>{t('tr.exam.settings')}</legend>
          <label className="wide">
            {t('tr.exam.name')}
            <input name="title" required maxLength={200} value={f.title} onChange={(e) => set('title', e.target.value)} />
          </label>
          <label>
            {t('tr.exam.minutes')}
            <input name="time_limit_minutes" type="number" min={0} value={f.time_limit_minutes} onChange={(e) => set('time_limit_minutes', e.target.value)} />
          </label>
          <label>
            {t('tr.exam.attempts')}
            <input name="max_attempts" type="number" min={0} value={f.max_attempts} onChange={(e) => set('max_attempts', e.target.value)} />
          </label>
          <label>
            {t('tr.exam.pass')}
            <input name="pass_percent" type="number" min={0} max={100} value={f.pass_percent} onChange={(e) => set('pass_percent', e.target.value)} />
          </label>
          <label>
            {t('tr.exam.scoring')}
            <select name="multiple_choice_scoring" value={f.multiple_choice_scoring} onChange={(e) => set('multiple_choice_scoring', e.target.value)}>
              {SCORING.map((s) => (
                <option key={s} value={s}>
                  {t('tr.scoring.' + s)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('tr.exam.certification')}
            <input name="certification" maxLength={100} value={f.certification} placeholder={t('tr.exam.certPh')} onChange={(e) => set('certification', e.target.value)} />
          </label>
          <label>
            {t('tr.exam.validDays')}
            <input name="certificate_valid_days" type="number" min={0} value={f.certificate_valid_days} onChange={(e) => set('certificate_valid_days', e.target.value)} />
          </label>
          <label className="wide">
            {t('tr.exam.candidates')}
            <input name="candidates" value={f.candidates} placeholder={t('tr.exam.candidatesPh')} onChange={(e) => set('candidates', e.target.value)} />
          </label>
          <label className="tr-check">
            <input type="checkbox" name="shuffle_options" checked={f.shuffle_options} onChange={(e) => set('shuffle_options', e.target.checked)} />
            {t('tr.exam.shuffle')}
          </label>
        </fieldset>

        <fieldset className="panel">
          <legend>{t('tr.exam.blueprint')}</legend>
          <div className="tr-bp">
            {rows.map((r, i) => (
              <BlueprintRow
                key={i}
                n={i + 1}
                r={r}
                papers={papers.data?.items ?? []}
                onChange={(k, v) => setRow(i, k, v)}
                onRemove={rows.length > 1 ? () => setRows((rs) => rs.filter((_, j) => j !== i)) : undefined}
              />
            ))}
          </div>
          <div className="tr-row">
            <button type="button" onClick={() => setRows((rs) => [...rs, newRow(EXAM_TYPES[Math.min(rs.length, EXAM_TYPES.length - 1)])])}>
              {t('tr.exam.addSection')}
            </button>
            <span className="muted">{t('tr.exam.total', { p: num(total) })}</span>
          </div>
        </fieldset>
        <ErrorLine text={error} testid="exam-error" />
        <div className="tr-row">
          <button type="submit" className="primary" disabled={busy || !f.title.trim()}>
            {t('tr.exam.create')}
          </button>
        </div>
      </form>
    </div>
  );
}

function BlueprintRow({
  n,
  r,
  papers,
  onChange,
  onRemove,
}: {
  n: number;
  r: Row;
  papers: PaperSummary[];
  onChange: (k: keyof Row, v: string) => void;
  onRemove?: () => void;
}) {
  const tags = splitList(r.tags);
  // How many questions of the bank fit (a single tag only: the list filters by one).
  const avail = useLoad(
    () =>
      tags.length > 1
        ? Promise.resolve(null)
        : api.get<Items<unknown>>('/training/questions', { type: r.type, paper: r.paper_id, tag: tags[0], limit: 200 }),
    [r.type, r.paper_id, r.tags],
  );
  const have = avail.data ? avail.data.items.length + (avail.data.next_cursor ? '+' : '') : null;
  const short = avail.data && !avail.data.next_cursor && avail.data.items.length < (Number(r.count) || 0);
  return (
    <div className="tr-bp-row" data-testid="blueprint-row" role="group" aria-label={t('tr.exam.sectionN', { n })}>
      <span className="tr-bp-n">{n}</span>
      <label>
        {t('tr.exam.sectionTitle')}
        <input value={r.title} placeholder={typeLabel(r.type)} onChange={(e) => onChange('title', e.target.value)} />
      </label>
      <label>
        {t('tr.exam.type')}
        <select value={r.type} onChange={(e) => onChange('type', e.target.value)}>
          {EXAM_TYPES.map((x) => (
            <option key={x} value={x}>
              {typeLabel(x)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('tr.exam.count')}
        <input type="number" min={1} value={r.count} onChange={(e) => onChange('count', e.target.value)} />
      </label>
      <label>
        {t('tr.exam.pointsEach')}
        <input type="number" min={0} step="0.5" value={r.points_each} onChange={(e) => onChange('points_each', e.target.value)} />
      </label>
      <label>
        {t('tr.exam.paper')}
        <select value={r.paper_id} onChange={(e) => onChange('paper_id', e.target.value)}>
          <option value="">{t('tr.exam.anyPaper')}</option>
          {papers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id} {p.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('tr.tags')}
        <input value={r.tags} placeholder={t('tr.exam.tagsPh')} onChange={(e) => onChange('tags', e.target.value)} />
      </label>
      <span className={short ? 'tr-bp-avail danger-text' : 'tr-bp-avail muted'}>
        {have !== null ? t('tr.exam.available', { n: have }) : ''}
      </span>
      {onRemove && (
        <button type="button" className="link" onClick={onRemove} aria-label={t('tr.exam.removeSection', { n })}>
          {t('tr.remove')}
        </button>
      )}
    </div>
  );
}
