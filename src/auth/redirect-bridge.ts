import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

// Silent (iframe) renewals end on this page; MSAL 5 needs it to pass the answer back.
broadcastResponseToMainFrame().catch(() => {
  document.body.textContent = 'This page finishes signing in for Profile Editor. You can close it.';
});
