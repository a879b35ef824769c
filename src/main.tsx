import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/500.css';
import '@fontsource/vazirmatn/700.css';
import './styles.css';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { callChannels } from '../electron/shared/contract/channels';
import { CallError, createClient } from '../electron/shared/contract/client';
import { ClientProvider } from './api/client';
import { chooseTransport } from './api/transport';
import { App } from './app/App';
import { handleSessionErrors } from './app/session';

/** Refused calls are answers, not network failures: retrying them would not change them. */
function shouldRetry(failures: number, error: unknown): boolean {
  return !(error instanceof CallError) && failures < 2;
}

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  try {
    const transport = await chooseTransport();
    const client = createClient(transport, callChannels);
    const queryClient: QueryClient = new QueryClient({
      queryCache: new QueryCache({ onError: (error) => handleSessionErrors(queryClient, error) }),
      mutationCache: new MutationCache({
        onError: (error) => handleSessionErrors(queryClient, error),
      }),
      defaultOptions: {
        queries: { retry: shouldRetry, staleTime: 5_000 },
        mutations: { retry: false },
      },
    });
    root.render(
      <StrictMode>
        <ClientProvider client={client} openAudio={(ticket) => transport.openAudio(ticket)}>
          <QueryClientProvider client={queryClient}>
            <App />
          </QueryClientProvider>
        </ClientProvider>
      </StrictMode>,
    );
  } catch (error) {
    root.render(<p role="alert">{error instanceof Error ? error.message : String(error)}</p>);
  }
}

void start();
