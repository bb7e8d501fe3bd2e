export { type ApiOptions, createApp, problemResponse } from './app.ts';
export { type RunningServer, type ServerOptions, startServer } from './server.ts';
