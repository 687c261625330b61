export { GuideIndexPage, GuidePage } from './GuidePages';
