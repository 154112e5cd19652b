// Shapes of the training API (/api/v1/training, docs/api.md §12) that the
// training pages read. src/api/training_codec.cc writes them.

// single_choice, multiple_choice, true_false, fill_in, short_answer,
// case_analysis; interview kits: behavioral, situational, knowledge, management.
export type QType = string;

// A question's key: one letter (single choice in a preview), letters, a
// true/false mark, a text (fill-in, short answer, reference answer) or none.
export type Key = string | string[] | boolean | null;

export interface PaperQuestion {
  id?: string; // saved papers only
  number: number;
  stem: string;
  options: Record<string, string>;
  key: Key;
  explanation: string;
  points: number;
  competencies: string[];
  rubric: Record<string, string>;
  tags: string[];
}

export interface PaperSection {
  type: QType;
  title: string;
  points_each: number;
  count: number;
  questions: PaperQuestion[];
}

export interface Problem {
  line: number;
  code: string;
  message: string;
}

export interface PaperPreview {
  title: string;
  sections: PaperSection[];
  problems: Problem[];
}

export interface SavedPaper extends PaperPreview {
  id: string;
  kind: 'exam' | 'interview_kit';
  role: string;
  created_by: string;
  created_at: string;
}

export interface PaperSummary {
  id: string;
  title: string;
  kind: 'exam' | 'interview_kit';
  role: string;
  questions: number;
  created_by: string;
  created_at: string;
}

export interface BlueprintSection {
  title: string;
  type: QType;
  count: number;
  points_each: number;
  tags: string[];
  paper_id: string;
}

export interface Exam {
  id: string;
  title: string;
  sections: BlueprintSection[];
  total_points: number;
  time_limit_minutes: number;
  max_attempts: number;
  shuffle_options: boolean;
  multiple_choice_scoring: string;
  pass_percent: number;
  certification: string;
  certificate_valid_days: number;
  candidates: string[];
  created_by: string;
  created_at: string;
}

export interface Answer {
  letters?: string[];
  value?: boolean;
  text?: string;
}

export interface KeyPoint {
  text: string;
  covered: boolean;
  matched: string[];
  missing: string[];
}

export interface AttemptItem {
  index: number;
  section: number;
  type: QType;
  points: number;
  stem: string;
  options: { letter: string; text: string }[];
  answer: Answer | null;
  // Once graded, or for trainers:
  score?: number | null;
  key?: Key;
  explanation?: string;
  comment?: string;
  // Trainers only:
  question_id?: string;
  auto_score?: number | null;
  suggested?: number;
  key_points?: KeyPoint[];
  final_score?: number | null;
  grader?: string;
}

export type AttemptStatus = 'in_progress' | 'submitted' | 'graded';

export interface AttemptSummary {
  id: string;
  exam_id: string;
  candidate: string;
  number: number;
  status: AttemptStatus;
  started_at: string;
  deadline: string | null;
  submitted_at: string | null;
  timed_out: boolean;
  max_score: number;
  score: number | null;
  passed: boolean | null;
  pending_items: number;
  certificate_id: string;
}

export interface Attempt extends AttemptSummary {
  exam_title: string;
  last_saved_at: string | null;
  time_left_seconds: number | null;
  sections: { title: string; type: QType; points_each: number }[];
  items: AttemptItem[];
}

export interface ItemStat {
  question_id: string;
  stem: string;
  responses: number;
  difficulty: number;
  discrimination: number | null;
}

export interface Results {
  exam: Exam;
  candidates: number;
  passed: number;
  attempts: AttemptSummary[];
  items: ItemStat[];
}

export interface Certificate {
  id: string;
  login: string;
  name: string;
  exam_id: string;
  attempt_id: string;
  score: number;
  issued_at: string;
  expires_at: string;
  valid: boolean;
}

export interface Assignment {
  id: string;
  login: string;
  exam_id: string;
  reason: string;
  source: string;
  area: string;
  due_at: string | null;
  status: string; // open | done
  assigned_by: string;
  created_at: string;
  attempt_id: string;
}

export interface SkillRule {
  skill: string;
  certification: string;
}

export interface QaRule {
  area: string;
  exam_id: string;
  threshold: number;
}

export interface Candidate {
  name: string;
  phone: string;
  email: string;
  notes: string;
}

export interface Interview {
  id: string;
  kit_id: string;
  role: string;
  candidate: Candidate;
  hiring_team: string[];
  interviewers: string[];
  scheduled_at: string | null;
  status: 'scheduled' | 'decided';
  decision: string;
  decided_by: string;
  decision_note: string;
  hire_threshold: number;
  competency_floor: number;
  created_by: string;
  created_at: string;
  on_team: boolean;
  may_decide: boolean; // the viewer may record the hiring decision
}

export interface KitQuestion {
  id: string;
  type: QType;
  section: string;
  stem: string;
  competencies: string[];
  reference: string;
  explanation: string;
  rubric: Record<string, string>;
}

export interface InterviewScore {
  interviewer: string;
  question_id: string;
  score: number;
  notes: string;
  at: string;
}

export interface InterviewVerdict {
  interviewer: string;
  recommendation: 'hire' | 'no_hire';
  notes: string;
  at: string;
}

export interface InterviewReport {
  questions: {
    question_id: string;
    competencies: string[];
    scores: Record<string, number>;
    mean: number | null;
    spread: number;
  }[];
  competencies: {
    competency: string;
    mean: number | null;
    spread: number;
    by_interviewer: Record<string, number>;
  }[];
  overall: number | null;
  scored_by: Record<string, number>;
  verdicts: InterviewVerdict[];
  complete: boolean;
  suggestion: 'hire' | 'no_hire' | '';
  reasons: string[];
  disagreements: string[]; // question ids and competency names
}

export interface InterviewDetail extends Interview {
  kit: { id: string; title: string; questions: KitQuestion[] };
  scores: InterviewScore[];
  verdicts: InterviewVerdict[];
  report: InterviewReport | null;
}

export interface Items<T> {
  items: T[];
  next_cursor: string | null;
}
