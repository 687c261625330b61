/** Renders nothing: notes each record page the user opens (recent.ts) for the home page's "My recent records". */
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useUser } from '../../app/auth';
import { readRecent, recordOfPath, remember, writeRecent } from './recent';

export function RecentTracker() {
  const { pathname } = useLocation();
  const user = useUser();
  useEffect(() => {
    const r = recordOfPath(pathname);
    if (r) writeRecent(user.id, remember(readRecent(user.id), r));
  }, [pathname, user.id]);
  return null;
}
