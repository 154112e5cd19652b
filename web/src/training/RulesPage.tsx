// 培训管理 › 分配与规则: assignments, the certification a routing skill
// needs, and the QA areas whose low scores assign an exam.
import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import type { Exam, Items, QaRule, SkillRule } from './types';
import { AssignPanel } from './AssignPanel';
import { ConfirmButton, Empty, ErrorBox, Flash, TrainerTabs, errorText, num, useNames, ErrorLine, ExamSelect } from './ui';
import './training.css';

export function RulesPage() {
  const exams = useLoad(() => api.get<Items<Exam>>('/training/exams'), []);
  const skills = useLoad(() => api.get<Items<{ skills: string[] }>>('/agents'), []);
  const names = useNames();
  const examList = exams.data?.items ?? [];
  const knownSkills = [...new Set(skills.data?.items.flatMap((a) => a.skills) ?? [])].sort();
  const certs = [...new Set(examList.map((e) => e.certification).filter(Boolean))];
  return (
    <div className="tr-page">
      <TrainerTabs active="/console/training/rules" />
      <div className="tr-head">
        <h1>{t('tr.rules.title')}</h1>
      </div>
      {exams.error && <ErrorBox error={exams.error} onRetry={exams.reload} />}
      <AssignPanel exams={examList} names={names} />
      <SkillRules knownSkills={knownSkills} certs={certs} />
      <QaRules exams={examList} />
    </div>
  );
}

// Runs `f` for a form: busy while it runs, its failure shown.
function useForm() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [flash, setFlash] = useState('');
  async function run(f: () => Promise<string>) {
    setBusy(true);
    setError('');
    try {
      setFlash(await f());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, flash, setFlash, run };
}

function Messages({ form }: { form: ReturnType<typeof useForm> }) {
  return (
    <>
      {form.flash && <Flash text={form.flash} onClose={() => form.setFlash('')} />}
      <ErrorLine text={form.error} />
    </>
  );
}

function SkillRules({ knownSkills, certs }: { knownSkills: string[]; certs: string[] }) {
  const rules = useLoad(() => api.get<Items<SkillRule>>('/training/skill-rules'), []);
  const [skill, setSkill] = useState('');
  const [cert, setCert] = useState('');
  const form = useForm();

  function submit(e: FormEvent) {
    e.preventDefault();
    void form.run(async () => {
      const r = await api.put<SkillRule>('/training/skill-rules', { skill: skill.trim(), certification: cert.trim() });
      setSkill('');
      rules.reload();
      return t('tr.skill.saved', { skill: r.skill, cert: r.certification });
    });
  }
  function remove(s: string) {
    void form.run(async () => {
      await api.del(`/training/skill-rules?skill=${encodeURIComponent(s)}`);
      rules.reload();
      return t('tr.skill.deleted', { skill: s });
    });
  }

  return (
    <RulePanel title={t('tr.skill.title')} hint={t('tr.skill.hint')} testid="skill-rules">
      <Messages form={form} />
      {rules.error && <ErrorBox error={rules.error} onRetry={rules.reload} />}
      {rules.data && rules.data.items.length === 0 && <Empty>{t('tr.skill.empty')}</Empty>}
      {rules.data && rules.data.items.length > 0 && (
        <ul className="tr-rules">
          {rules.data.items.map((r) => (
            <li key={r.skill}>
              <span className="mono">{r.skill}</span> → <b>{r.certification}</b>
              <ConfirmButton
                className="link"
                label={t('tr.remove')}
                question={t('tr.skill.confirm', { skill: r.skill })}
                yes={t('tr.remove')}
                onYes={() => remove(r.skill)}
              />
            </li>
          ))}
        </ul>
      )}
      <form className="tr-inline-form" onSubmit={submit}>
        <label>
          {t('tr.skill.skill')}
          <input name="skill" required list="tr-skills" value={skill} onChange={(e) => setSkill(e.target.value)} />
        </label>
        <datalist id="tr-skills">
          {knownSkills.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <label>
          {t('tr.exam.certification')}
          <input name="certification" required list="tr-certs" value={cert} onChange={(e) => setCert(e.target.value)} />
        </label>
        <datalist id="tr-certs">
          {certs.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <button type="submit" className="primary" disabled={form.busy || !skill.trim() || !cert.trim()}>
          {t('tr.rules.save')}
        </button>
      </form>
    </RulePanel>
  );
}

function QaRules({ exams }: { exams: Exam[] }) {
  const rules = useLoad(() => api.get<Items<QaRule>>('/training/qa-rules'), []);
  const [area, setArea] = useState('');
  const [examId, setExamId] = useState('');
  const [threshold, setThreshold] = useState('80');
  const form = useForm();
  const exam = examId || exams[0]?.id || '';
  const titles = Object.fromEntries(exams.map((e) => [e.id, e.title]));

  function submit(e: FormEvent) {
    e.preventDefault();
    void form.run(async () => {
      const r = await api.put<QaRule>('/training/qa-rules', { area: area.trim(), exam_id: exam, threshold: Number(threshold) });
      rules.reload();
      return t('tr.qa.saved', { area: r.area });
    });
  }

  return (
    <RulePanel title={t('tr.qa.title')} hint={t('tr.qa.hint')} testid="qa-rules">
      <Messages form={form} />
      {rules.error && <ErrorBox error={rules.error} onRetry={rules.reload} />}
      {rules.data && rules.data.items.length === 0 && <Empty>{t('tr.qa.empty')}</Empty>}
      {rules.data && rules.data.items.length > 0 && (
        <ul className="tr-rules">
          {rules.data.items.map((r) => (
            <li key={r.area}>
              <b>{r.area}</b> {t('tr.qa.below', { n: num(r.threshold) })} → {titles[r.exam_id] ?? r.exam_id}
            </li>
          ))}
        </ul>
      )}
      <form className="tr-inline-form" onSubmit={submit}>
        <label>
          {t('tr.qa.area')}
          <input name="area" required value={area} placeholder={t('tr.qa.areaPh')} onChange={(e) => setArea(e.target.value)} />
        </label>
        <label>
          {t('tr.qa.threshold')}
          <input name="threshold" type="number" min={0} max={100} value={threshold} onChange={(e) => setThreshold(e.target.value)} />
        </label>
        <ExamSelect exams={exams} value={exam} onChange={setExamId} />
        <button type="submit" className="primary" disabled={form.busy || !area.trim() || !exam}>
          {t('tr.rules.save')}
        </button>
      </form>
      <QaResultForm titles={titles} />
    </RulePanel>
  );
}

// Records one QA result; a score under the area's threshold assigns its exam.
function QaResultForm({ titles }: { titles: Record<string, string> }) {
  const [login, setLogin] = useState('');
  const [area, setArea] = useState('');
  const [score, setScore] = useState('');
  const [note, setNote] = useState('');
  const form = useForm();
  function submit(e: FormEvent) {
    e.preventDefault();
    void form.run(async () => {
      const r = await api.post<{ assigned: { id: string; exam_id: string } | null }>('/training/qa-results', {
        login: login.trim(),
        area: area.trim(),
        score: Number(score),
        note: note.trim(),
      });
      return r.assigned ? t('tr.qa.assigned', { id: r.assigned.id, exam: titles[r.assigned.exam_id] ?? r.assigned.exam_id }) : t('tr.qa.recorded');
    });
  }
  return (
    <>
      <h3>{t('tr.qa.result')}</h3>
      <Messages form={form} />
      <form className="tr-inline-form" onSubmit={submit}>
        <label>
          {t('tr.assign.login')}
          <input name="login" required list="tr-staff" value={login} onChange={(e) => setLogin(e.target.value)} />
        </label>
        <label>
          {t('tr.qa.area')}
          <input name="area" required value={area} onChange={(e) => setArea(e.target.value)} />
        </label>
        <label>
          {t('tr.col.score')}
          <input name="score" type="number" required min={0} max={100} value={score} onChange={(e) => setScore(e.target.value)} />
        </label>
        <label className="grow">
          {t('tr.qa.note')}
          <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" disabled={form.busy || !login.trim() || !area.trim() || score === ''}>
          {t('tr.qa.record')}
        </button>
      </form>
    </>
  );
}

function RulePanel({ title, hint, testid, children }: { title: string; hint: string; testid: string; children: ReactNode }) {
  return (
    <section className="panel tr-panel" data-testid={testid}>
      <h2>{title}</h2>
      <p className="muted small">{hint}</p>
      {children}
    </section>
  );
}
