'use client';

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import {
  ConnectionError,
  ConnectionState,
  ConnectionErrorReason,
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  type LocalParticipant,
  type Participant,
  type RemoteTrack,
} from 'livekit-client';
import { config } from '@/lib/config';
import { parseRoomHash, type RoomParams, type RoomProblem } from '@/lib/room';

type Problem = RoomProblem | 'not-allowed' | 'unreachable' | 'disconnected' | 'ended';

type Phase =
  | { kind: 'starting' }
  | { kind: 'problem'; problem: Problem }
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'left' };

const PROBLEMS: Record<Problem, { title: string; text: string; retry: boolean }> = {
  missing: {
    title: 'Länken saknar inbjudan',
    text: 'Seminarielänken är ofullständig: anslutningsuppgifterna saknas. Öppna seminariet från Wisdom-appen så får du en ny länk.',
    retry: false,
  },
  'bad-url': {
    title: 'Länken är ogiltig',
    text: 'Adressen till seminarieservern i länken går inte att använda. Öppna seminariet från Wisdom-appen så får du en ny länk.',
    retry: false,
  },
  'bad-token': {
    title: 'Inbjudan är ogiltig',
    text: 'Inbjudan i länken går inte att läsa. Den kan ha kopierats ofullständigt. Öppna seminariet från Wisdom-appen så får du en ny länk.',
    retry: false,
  },
  expired: {
    title: 'Inbjudan har gått ut',
    text: 'Länken till seminariet gäller bara en kort stund och den här har gått ut. Öppna seminariet i Wisdom-appen igen för att få en ny länk.',
    retry: false,
  },
  'not-allowed': {
    title: 'Inbjudan godtogs inte',
    text: 'Seminarieservern godkände inte din inbjudan. Den kan ha gått ut eller gälla ett annat seminarium. Öppna seminariet i Wisdom-appen igen för att få en ny länk.',
    retry: false,
  },
  unreachable: {
    title: 'Det gick inte att ansluta till seminariet',
    text: 'Vi fick ingen kontakt med seminarieservern. Kontrollera din internetanslutning och försök igen om en stund. Om det inte hjälper kan seminariet ha avslutats.',
    retry: true,
  },
  disconnected: {
    title: 'Anslutningen bröts',
    text: 'Kontakten med seminariet förlorades. Kontrollera din internetanslutning och anslut igen.',
    retry: true,
  },
  ended: {
    title: 'Seminariet har avslutats',
    text: 'Värden har avslutat seminariet. Tack för att du var med!',
    retry: false,
  },
};

/** The host: the participant marked `role: "host"` (attributes or JSON metadata), else the first publishing a camera. */
function findHost(participants: Participant[]): Participant | undefined {
  const marked = participants.find((p) => {
    if (p.attributes?.role === 'host') return true;
    if (!p.metadata) return false;
    try {
      return JSON.parse(p.metadata)?.role === 'host';
    } catch {
      return false;
    }
  });
  return marked ?? participants.find((p) => p.getTrackPublication(Track.Source.Camera)?.track);
}

function hostVideoTrack(host: Participant | undefined) {
  if (!host) return undefined;
  const screen = host.getTrackPublication(Track.Source.ScreenShare);
  if (screen?.track && !screen.isMuted) return screen.track;
  const camera = host.getTrackPublication(Track.Source.Camera);
  if (camera?.track && !camera.isMuted) return camera.track;
  return undefined;
}

/** Whether the token lets this participant publish a source (attendees may get the microphone only). */
function mayPublish(participant: LocalParticipant, source: Track.Source): boolean {
  const permissions = participant.permissions;
  if (!permissions || !permissions.canPublish) return false;
  const sources = permissions.canPublishSources ?? [];
  return sources.length === 0 || sources.includes(Track.sourceToProto(source));
}

function classifyConnectError(error: unknown): Problem {
  if (error instanceof ConnectionError && error.reason === ConnectionErrorReason.NotAllowed) {
    return 'not-allowed';
  }
  return 'unreachable';
}

function MicIcon({ off }: { off: boolean }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" aria-hidden="true" focusable="false">
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />
      {off && <path d="M4 4l16 16" />}
    </svg>
  );
}

function CameraIcon({ off }: { off: boolean }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <rect x="3" y="6.5" width="12.5" height="11" rx="2.2" />
      <path d="M15.5 10.5 21 7.5v9l-5.5-3" />
      {off && <path d="M3 4l18 16" />}
    </svg>
  );
}

function AlertIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7.5v5.5M12 16.5v.01" />
    </svg>
  );
}

function LeaveIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4M10 16l-4-4 4-4M6 12h10" />
    </svg>
  );
}

export function RoomClient() {
  const [params, setParams] = useState<RoomParams | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [deviceError, setDeviceError] = useState('');
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const roomRef = useRef<Room | null>(null);
  const leavingRef = useRef(false);
  const audioBoxRef = useRef<HTMLDivElement | null>(null);
  const videoRef = useRef<HTMLVideoElement | null>(null);

  // Read the link from the fragment (and again if it changes).
  useEffect(() => {
    const read = () => {
      const parsed = parseRoomHash(window.location.hash);
      setParams(parsed);
      if (!parsed.ok) setPhase({ kind: 'problem', problem: parsed.problem });
    };
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);

  // Connect to LiveKit with the URL and token from the link.
  useEffect(() => {
    if (!params || !params.ok) return;
    const room = new Room({ adaptiveStream: true, dynacast: true });
    roomRef.current = room;
    leavingRef.current = false;
    let active = true;
    const update = () => {
      if (active) rerender();
    };

    room
      .on(RoomEvent.ParticipantConnected, update)
      .on(RoomEvent.ParticipantDisconnected, update)
      .on(RoomEvent.ParticipantNameChanged, update)
      .on(RoomEvent.ParticipantMetadataChanged, update)
      .on(RoomEvent.ParticipantAttributesChanged, update)
      .on(RoomEvent.ParticipantPermissionsChanged, update)
      .on(RoomEvent.ActiveSpeakersChanged, update)
      .on(RoomEvent.TrackPublished, update)
      .on(RoomEvent.TrackUnpublished, update)
      .on(RoomEvent.TrackMuted, update)
      .on(RoomEvent.TrackUnmuted, update)
      .on(RoomEvent.LocalTrackPublished, update)
      .on(RoomEvent.LocalTrackUnpublished, update)
      .on(RoomEvent.AudioPlaybackStatusChanged, update)
      .on(RoomEvent.Reconnecting, update)
      .on(RoomEvent.Reconnected, update)
      .on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
        // Every remote voice is played (the host's, and anyone the host lets speak).
        if (track.kind === Track.Kind.Audio && audioBoxRef.current) {
          audioBoxRef.current.appendChild(track.attach());
        }
        update();
      })
      .on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => {
        track.detach().forEach((el) => el.remove());
        update();
      })
      .on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
        if (!active) return;
        if (leavingRef.current) setPhase({ kind: 'left' });
        else if (reason === DisconnectReason.ROOM_DELETED) setPhase({ kind: 'problem', problem: 'ended' });
        else setPhase({ kind: 'problem', problem: 'disconnected' });
      });

    setPhase({ kind: 'connecting' });
    room
      .connect(params.url, params.token, { autoSubscribe: true })
      .then(() => {
        if (active) setPhase({ kind: 'connected' });
      })
      .catch((error: unknown) => {
        if (active) setPhase({ kind: 'problem', problem: classifyConnectError(error) });
      });

    return () => {
      active = false;
      room.removeAllListeners();
      void room.disconnect();
      roomRef.current = null;
    };
  }, [params, attempt]);

  const room = roomRef.current;
  const connected = phase.kind === 'connected' && room !== null;
  const participants: Participant[] = connected
    ? [room.localParticipant, ...Array.from(room.remoteParticipants.values())]
    : [];
  const host = connected ? findHost(participants) : undefined;
  const videoTrack = hostVideoTrack(host);

  // Show the host's video in the stage.
  useEffect(() => {
    const el = videoRef.current;
    if (!videoTrack || !el) return;
    videoTrack.attach(el);
    return () => {
      videoTrack.detach(el);
    };
  }, [videoTrack]);

  const canMic = connected ? mayPublish(room.localParticipant, Track.Source.Microphone) : false;
  const canCamera = connected ? mayPublish(room.localParticipant, Track.Source.Camera) : false;
  const micOn = connected ? room.localParticipant.isMicrophoneEnabled : false;
  const cameraOn = connected ? room.localParticipant.isCameraEnabled : false;

  const toggle = useCallback(
    async (what: 'mic' | 'camera') => {
      const current = roomRef.current;
      if (!current) return;
      setBusy(true);
      setDeviceError('');
      try {
        if (what === 'mic') {
          await current.localParticipant.setMicrophoneEnabled(!current.localParticipant.isMicrophoneEnabled);
        } else {
          await current.localParticipant.setCameraEnabled(!current.localParticipant.isCameraEnabled);
        }
      } catch {
        setDeviceError(
          what === 'mic'
            ? 'Mikrofonen gick inte att starta. Kontrollera att webbläsaren har tillåtelse att använda den.'
            : 'Kameran gick inte att starta. Kontrollera att webbläsaren har tillåtelse att använda den.',
        );
      } finally {
        setBusy(false);
        rerender();
      }
    },
    [],
  );

  const leave = useCallback(() => {
    leavingRef.current = true;
    const current = roomRef.current;
    if (current) void current.disconnect();
    setPhase({ kind: 'left' });
  }, []);

  const retry = useCallback(() => {
    setPhase({ kind: 'connecting' });
    setAttempt((n) => n + 1);
  }, []);

  const title = params?.name || 'Seminarium';
  const statusText =
    phase.kind === 'connected'
      ? room?.state === ConnectionState.Reconnecting
        ? 'Återansluter …'
        : `Ansluten · ${participants.length} deltagare`
      : phase.kind === 'connecting'
        ? 'Ansluter …'
        : phase.kind === 'left'
          ? 'Du har lämnat seminariet'
          : phase.kind === 'problem'
            ? 'Inte ansluten'
            : 'Förbereder …';

  return (
    <div className="room" data-phase={phase.kind}>
      <header className="room__header">
        <div>
          <h1 className="room__title">{title}</h1>
          <p className="room__status" role="status" data-testid="room-status">
            {statusText}
          </p>
        </div>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/brand/logo-mark-light.svg" alt="Wisdom" width={40} height={40} />
      </header>

      <main id="innehall" className="room__body">
        {phase.kind === 'starting' && (
          <div className="room__message">
            <h2>Seminarierummet startar</h2>
            <p>Ett ögonblick …</p>
          </div>
        )}

        {phase.kind === 'connecting' && (
          <div className="room__message">
            <h2>Ansluter till seminariet</h2>
            <p>Det brukar bara ta några sekunder.</p>
          </div>
        )}

        {phase.kind === 'problem' && (
          <div className="room__message room__message--error" role="alert" data-problem={phase.problem}>
            <span className="room__message-icon">
              <AlertIcon />
            </span>
            <h2>{PROBLEMS[phase.problem].title}</h2>
            <p>{PROBLEMS[phase.problem].text}</p>
            {PROBLEMS[phase.problem].retry && params?.ok ? (
              <p>
                <button type="button" className="button" onClick={retry}>
                  Försök igen
                </button>
              </p>
            ) : (
              <p>
                <a href={config.appUrl}>Öppna Wisdom</a>
              </p>
            )}
          </div>
        )}

        {phase.kind === 'left' && (
          <div className="room__message" role="status">
            <h2>Du har lämnat seminariet</h2>
            <p>Välkommen tillbaka när du vill.</p>
            <p>
              {params?.ok && (
                <button type="button" className="button" onClick={retry}>
                  Gå med igen
                </button>
              )}{' '}
              <a href={config.appUrl}>Tillbaka till Wisdom</a>
            </p>
          </div>
        )}

        {connected && (
          <div className="room__main">
            <section className="room__stage" aria-label="Värdens bild">
              {videoTrack ? (
                <>
                  <video ref={videoRef} autoPlay playsInline muted aria-label={`Video från ${host?.name || host?.identity || 'värden'}`} />
                  <span className="room__host-label">{host?.name || host?.identity}</span>
                </>
              ) : (
                <div className="room__stage-empty">
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img src="/brand/logo-mark-light.svg" alt="" width={96} height={96} />
                  <p>
                    {host
                      ? `${host.name || host.identity} har inte kameran på just nu.`
                      : 'Väntar på att värden ska ansluta …'}
                  </p>
                </div>
              )}
            </section>

            <aside className="room__aside" aria-labelledby="deltagare-rubrik">
              <h2 id="deltagare-rubrik">Deltagare ({participants.length})</h2>
              <ul className="participants" data-testid="participants">
                {participants.map((p) => (
                  <li key={p.sid || p.identity}>
                    <span className="participants__name">
                      {p.name || p.identity}
                      {p === room.localParticipant ? ' (du)' : ''}
                    </span>
                    <span className="participants__tags">
                      {p === host && <span className="tag tag--host">Värd</span>}
                      {p.isSpeaking && <span className="tag tag--speaking">Talar</span>}
                      {!p.isMicrophoneEnabled && <span className="tag">Tyst</span>}
                    </span>
                  </li>
                ))}
              </ul>
            </aside>
          </div>
        )}

        {connected && !room.canPlaybackAudio && (
          <div className="room__message" role="status">
            <p>Webbläsaren väntar med ljudet tills du har klickat.</p>
            <button type="button" className="button" onClick={() => void room.startAudio().then(rerender)}>
              Slå på ljudet
            </button>
          </div>
        )}

        <div ref={audioBoxRef} hidden />

        {connected && (
          <div className="room__controls" role="group" aria-label="Kontroller">
            <button type="button" className="control" disabled={!canMic || busy} onClick={() => void toggle('mic')}>
              <MicIcon off={!micOn} />
              {micOn ? 'Stäng av mikrofonen' : 'Slå på mikrofonen'}
            </button>
            <button type="button" className="control" disabled={!canCamera || busy} onClick={() => void toggle('camera')}>
              <CameraIcon off={!cameraOn} />
              {cameraOn ? 'Stäng av kameran' : 'Slå på kameran'}
            </button>
            <button type="button" className="control control--leave" onClick={leave}>
              <LeaveIcon />
              Lämna seminariet
            </button>
          </div>
        )}
        {connected && !canMic && (
          <p className="room__hint">Du deltar som åhörare: du ser och hör värden, men mikrofon och kamera är avstängda i det här seminariet.</p>
        )}
        {connected && canMic && !canCamera && (
          <p className="room__hint">Du kan använda mikrofonen när du vill säga något; kameran används bara av värden.</p>
        )}
        {deviceError && (
          <p className="room__hint" role="alert">
            {deviceError}
          </p>
        )}
      </main>
    </div>
  );
}
