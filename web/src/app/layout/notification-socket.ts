import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import i18n from '../../i18n';
import { API_BASE } from '../api';

/**
 * Listens on /api/v1/notifications/ws; a `{ type: 'notification' }` message refreshes the bell and shows
 * a toast. Reconnects with backoff (1 s doubling to 30 s); the bell also polls, so a lost socket only
 * delays updates.
 */
export function useNotificationSocket(): void {
  const qc = useQueryClient();
  useEffect(() => {
    let ws: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = 1000;
    let stopped = false;

    const connect = () => {
      const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      ws = new WebSocket(`${proto}//${window.location.host}${API_BASE}/notifications/ws`);
      ws.onopen = () => {
        delay = 1000;
      };
      ws.onmessage = (ev) => {
        let msg: { type?: string; notification?: { title?: string; body?: string } };
        try {
          msg = JSON.parse(String(ev.data));
        } catch {
          return;
        }
        if (msg.type !== 'notification') return;
        void qc.invalidateQueries({ queryKey: ['/notifications'] });
        if (msg.notification?.title) {
          notifications.show({ title: msg.notification.title, message: msg.notification.body ?? '', autoClose: 5000, closeButtonProps: { 'aria-label': i18n.t('common.close') } });
        }
      };
      ws.onclose = () => {
        if (stopped) return;
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30_000);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      ws?.close();
    };
  }, [qc]);
}
