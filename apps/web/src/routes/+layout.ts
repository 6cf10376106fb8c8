// A client-rendered app inside adapter-node: the session is an httpOnly cookie on the same origin and
// every screen needs the signed-in user, so there is nothing useful to render on the server.
export const ssr = false;
export const prerender = false;
