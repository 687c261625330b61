import { en, vi } from './mail.i18n';
import { describeTranslations } from '../../i18n/translation-checks';

describeTranslations('ticket mail settings', en, vi);
