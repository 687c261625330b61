import { en, vi } from './routing.i18n';
import { describeTranslations } from '../../i18n/translation-checks';

describeTranslations('ticket routing', en, vi);
