// A paper as the parser understood it: each section with its type, count
// and points, every question with its options, key and rubric. Used by the
// import preview and by a saved paper's page.
import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { formatTime } from '../lib/time';
import { Link } from '../lib/ui';
import type { PaperPreview, PaperQuestion, PaperSection, SavedPaper } from './types';
import { ErrorBox, Fact, Loading, TrainerTabs, keyText, num, typeLabel } from './ui';
import './training.css';

const KEYED = ['single_choice', 'multiple_choice', 'true_false', 'fill_in'];

export function PaperView({ paper }: { paper: PaperPreview }) {
  const n = paper.sections.reduce((s, x) => s + x.questions.length, 0);
  const points = paper.sections.reduce((s, x) => s + x.questions.reduce((p, q) => p + q.points, 0), 0);
  return (
    <div className="tr-paper" data-testid="paper-view">
      <h2 className="tr-paper-title">{paper.title || t('tr.paper.untitled')}</h2>
      <p className="muted">{t('tr.paper.summary', { s: paper.sections.length, n, p: num(points) })}</p>
      {paper.sections.map((s, i) => (
        <Section key={i} s={s} />
      ))}
    </div>
  );
}

function Section({ s }: { s: PaperSection }) {
  const mismatch = s.count > 0 && s.count !== s.questions.length;
  return (
    <section className="tr-section" data-testid="paper-section">
      <header className="tr-section-head">
        <h3>{s.title}</h3>
        <span className="badge">{typeLabel(s.type)}</span>
        <span className="muted">
          {t('tr.paper.sectionFacts', { n: s.questions.length, p: num(s.points_each) })}
        </span>
        {mismatch && <span className="badge warn">{t('tr.paper.declared', { n: s.count })}</span>}
      </header>
      <ol className="tr-questions">
        {s.questions.map((q, i) => (
          <Question key={i} q={q} type={s.type} />
        ))}
      </ol>
    </section>
  );
}

function Question({ q, type }: { q: PaperQuestion; type: string }) {
  const missing = q.key === null && KEYED.includes(type);
  const letters = Array.isArray(q.key) ? q.key : typeof q.key === 'string' ? [q.key] : [];
  const isChoice = type === 'single_choice' || type === 'multiple_choice';
  const rubric = Object.entries(q.rubric).sort(([a], [b]) => Number(b) - Number(a));
  return (
    <li className={missing ? 'tr-q missing' : 'tr-q'} data-testid="paper-question">
      <div className="tr-q-head">
        <span className="tr-q-no">{q.number}.</span>
        <span className="tr-q-stem">{q.stem}</span>
        <span className="muted small">{t('tr.points', { p: num(q.points) })}</span>
        {q.id && <span className="mono muted small">{q.id}</span>}
      </div>
      {Object.keys(q.options).length > 0 && (
        <ul className="tr-options">
          {Object.entries(q.options).map(([l, text]) => (
            <li key={l} className={isChoice && letters.includes(l) ? 'right' : ''}>
              <b>{l}.</b> {text}
              {isChoice && letters.includes(l) && <span className="sr-only"> ({t('tr.key')})</span>}
            </li>
          ))}
        </ul>
      )}
      <dl className="tr-facts small">
        <Fact label={type === 'fill_in' || KEYED.includes(type) ? t('tr.key') : t('tr.reference')}>
          {missing ? <span className="badge danger">{t('tr.noKey')}</span> : keyText(q.key, q.options)}
        </Fact>
        {q.explanation && <Fact label={t('tr.explanation')}>{q.explanation}</Fact>}
        {q.competencies.length > 0 && <Fact label={t('tr.competencies')}>{q.competencies.join('、')}</Fact>}
        {q.tags.length > 0 && <Fact label={t('tr.tags')}>{q.tags.join('、')}</Fact>}
      </dl>
      {rubric.length > 0 && (
        <ul className="tr-rubric small">
          {rubric.map(([level, text]) => (
            <li key={level}>
              <b>{t('tr.rubricLevel', { n: level })}</b> {text}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

// /console/training/papers/:id
export function PaperPage({ id }: { id: string }) {
  const { data, error, reload } = useLoad(
    () => api.get<SavedPaper>(`/training/papers/${encodeURIComponent(id)}`),
    [id],
  );
  return (
    <div className="tr-page">
      <TrainerTabs active="/console/training" />
      <div className="tr-head">
        <h1>
          {t('tr.paper.title')} <span className="mono">{id}</span>
        </h1>
        <a className="button" href={`/api/v1/training/papers/${encodeURIComponent(id)}/export`} download={`${id}.json`}>
          {t('tr.paper.export')}
        </a>
        <Link to="/console/training">{t('tr.back')}</Link>
      </div>
      {error && <ErrorBox error={error} onRetry={reload} />}
      {!data && !error && <Loading />}
      {data && (
        <>
          <dl className="tr-facts panel">
            <Fact label={t('tr.paper.kind')}>{t('tr.kind.' + data.kind)}</Fact>
            {data.role && <Fact label={t('tr.paper.role')}>{data.role}</Fact>}
            <Fact label={t('tr.createdBy')}>{data.created_by}</Fact>
            <Fact label={t('tr.createdAt')}>{formatTime(data.created_at)}</Fact>
          </dl>
          <div className="panel">
            <PaperView paper={data} />
          </div>
        </>
      )}
    </div>
  );
}
