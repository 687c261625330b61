/** Settings › Lead scoring and Lead assignment, loaded on first visit. */
export { ScoringPage } from './ScoringPage';
export { AssignmentPage } from './AssignmentPage';
