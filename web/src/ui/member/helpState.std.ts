// The member's request for a counselor, in memory: the place in the queue, then the session once one opens.
import { expectObject, expectString } from '../../core/api.std.js';
import type { CounselingSession, HavenClient } from '../../core/client.std.js';
import { slice } from '../app/state.std.js';

export interface HelpState {
  help: { requestId: string; position: number } | null;
  session: CounselingSession | null;
}

export const helpState = slice<HelpState>(() => ({ help: null, session: null }));

export async function refreshHelp(client: HavenClient): Promise<void> {
  const o = expectObject(await client.api.get('/v1/counseling/requests/mine'), 'my request');
  const request = o.request ? expectObject(o.request, 'request') : null;
  const session = o.session ? expectObject(o.session, 'session') : null;
  if (session) {
    const sessionId = expectString(session, 'session_id', 'session');
    if (helpState.session?.sessionId !== sessionId || helpState.session.status !== 'active') {
      await client.syncSessions();
      helpState.session = await client.counselingSession(sessionId);
    }
    helpState.help = null;
  } else if (request) {
    helpState.help = { requestId: expectString(request, 'request_id', 'request'), position: Number(request.position ?? 0) };
  } else {
    helpState.help = null;
  }
}
