import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './services/queries.js';
import AuthProvider from './hooks/AuthProvider.jsx';
import AuthDialogProvider from './hooks/AuthDialogProvider.jsx';
import ToastProvider from './hooks/ToastProvider.jsx';
import { pruneDrafts } from './services/drafts.js';
import App from './App.jsx';
import './styles/theme.css';
import './styles/index.css';
import './styles/writing.css';
import './styles/editor.css';
import './styles/ai.css';

const queryClient = createQueryClient();
pruneDrafts(); // drafts older than 30 days

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AuthProvider>
          <AuthDialogProvider>
            <ToastProvider>
              <App />
            </ToastProvider>
          </AuthDialogProvider>
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
