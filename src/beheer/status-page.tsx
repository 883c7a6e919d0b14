/** A page that says why a request was not done (403, 404), in the management frame. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Frame } from './layout.tsx';
import { page } from './render.ts';
import { frameProps } from './frame-props.ts';
import { beheerMessages } from './messages.ts';

export function statusPage(request: FastifyRequest, reply: FastifyReply, status: number, title: string, paragraphs: string[]) {
  const t = beheerMessages[request.management.lang];
  return page(
    reply,
    status,
    <Frame {...frameProps(request, '/beheer')} title={title}>
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      {paragraphs.map((text) => (
        <p class="nl-paragraph">{text}</p>
      ))}
      <p class="nl-paragraph">
        <a class="nl-link" href="/beheer">{t.toStart}</a>
      </p>
    </Frame>,
  );
}

export function notFoundPage(request: FastifyRequest, reply: FastifyReply) {
  const t = beheerMessages[request.management.lang];
  return statusPage(request, reply, 404, t.notFoundTitle, [t.notFoundText]);
}
