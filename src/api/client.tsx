import { createContext, useContext, type ReactNode } from 'react';
import type { AudioSender, Client } from '../../electron/shared/contract/client';

/** Opens a recording's audio stream with the ticket the core handed out. */
export type OpenAudio = (ticket: string) => AudioSender;

const ClientContext = createContext<Client | null>(null);
const OpenAudioContext = createContext<OpenAudio | null>(null);

export function ClientProvider({
  client,
  openAudio,
  children,
}: {
  client: Client;
  /** The transport's audio streams (Transport.openAudio); absent where nothing records. */
  openAudio?: OpenAudio;
  children: ReactNode;
}) {
  return (
    <ClientContext.Provider value={client}>
      <OpenAudioContext.Provider value={openAudio ?? null}>{children}</OpenAudioContext.Provider>
    </ClientContext.Provider>
  );
}

/** The typed client for the core (`client.patients.search(...)`). */
export function useClient(): Client {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientProvider');
  return client;
}

/** Opens recordings' audio streams (a MessagePort in Electron, a WebSocket in the preview). */
export function useOpenAudio(): OpenAudio {
  const openAudio = useContext(OpenAudioContext);
  if (!openAudio) throw new Error('useOpenAudio outside ClientProvider with openAudio');
  return openAudio;
}
