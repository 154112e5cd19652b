import { STAFF, SUPERVISORS, type PageRoute } from '../lib/routes';
import './strings';
import { ExamCreate } from './ExamCreate';
import { ExamList } from './ExamList';
import { ExamResults } from './ExamResults';
import { GradePage } from './GradePage';
import { GradingQueue } from './GradingQueue';
import { InterviewList } from './InterviewList';
import { InterviewPage } from './InterviewPage';
import { MyTraining } from './MyTraining';
import { PaperImport } from './PaperImport';
import { PaperList } from './PaperList';
import { PaperPage } from './PaperView';
import { RulesPage } from './RulesPage';
import { TakeExam } from './TakeExam';

// Trainers (lead, manager, admin) under /console/training; every member of
// staff sits exams under /console/my-training and interviews under
// /console/interviews. The first matching pattern wins: literal paths
// before their :id siblings.
export const trainingRoutes: PageRoute[] = [
  { pattern: '/console/training', roles: SUPERVISORS, render: () => <PaperList />, nav: 'tr.nav.trainer' },
  { pattern: '/console/training/import', roles: SUPERVISORS, render: () => <PaperImport /> },
  { pattern: '/console/training/papers/:id', roles: SUPERVISORS, render: (p) => <PaperPage key={p.id} id={p.id} /> },
  { pattern: '/console/training/exams', roles: SUPERVISORS, render: () => <ExamList /> },
  { pattern: '/console/training/exams/new', roles: SUPERVISORS, render: () => <ExamCreate /> },
  { pattern: '/console/training/exams/:id', roles: SUPERVISORS, render: (p) => <ExamResults key={p.id} id={p.id} /> },
  { pattern: '/console/training/grading', roles: SUPERVISORS, render: () => <GradingQueue /> },
  { pattern: '/console/training/attempts/:id', roles: SUPERVISORS, render: (p) => <GradePage key={p.id} id={p.id} /> },
  { pattern: '/console/training/rules', roles: SUPERVISORS, render: () => <RulesPage /> },
  { pattern: '/console/my-training', roles: STAFF, render: () => <MyTraining />, nav: 'tr.nav.mine' },
  { pattern: '/console/my-training/attempts/:id', roles: STAFF, render: (p) => <TakeExam key={p.id} id={p.id} /> },
  { pattern: '/console/interviews', roles: STAFF, render: () => <InterviewList />, nav: 'tr.nav.interviews' },
  { pattern: '/console/interviews/:id', roles: STAFF, render: (p) => <InterviewPage key={p.id} id={p.id} /> },
];
