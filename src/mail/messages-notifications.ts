/**
 * The words of management's notification mails. People in management work in Dutch or English
 * and the register does not know which each prefers, so every mail says it in Dutch, then in
 * English.
 */
export const notificationTexts = {
  releasedSubject: 'Ter goedkeuring: {name} / For approval: {name}',
  releasedText:
    '{actor} heeft “{name}” ({organisation}) vrijgegeven. U kunt het bekijken, de wijzigingen nalezen en het goedkeuren of afwijzen:\n{link}\n\n{actor} released “{name}” ({organisation}). You can review it, read the changes and approve or reject it:\n{link}',
  rejectedSubject: 'Afgewezen: {name} / Rejected: {name}',
  rejectedText:
    '{actor} heeft “{name}” ({organisation}) afgewezen met als reden:\n{reason}\n\nVerbeter de beschrijving en geef haar opnieuw vrij:\n{link}\n\n{actor} rejected “{name}” ({organisation}) because:\n{reason}\n\nImprove the description and release it again:\n{link}',
  publishedSubject: 'Gepubliceerd: {name} / Published: {name}',
  publishedText:
    '{actor} heeft “{name}” ({organisation}) gepubliceerd. Het staat nu in het openbare register:\n{public}\n\n{actor} published “{name}” ({organisation}). It is in the public register now:\n{public}',
  reportSubject: 'Foutmelding over {name} / Error report about {name}',
  reportText:
    'Iemand heeft via het openbare register een fout gemeld in “{name}”:\n\n{message}\n\nBekijk en handel de melding af:\n{link}\n\nSomeone reported an error in “{name}” through the public register (the message is above). See and handle it:\n{link}',
  reviewSubject: 'Tijd om na te kijken: {name} / Time to review: {name}',
  reviewText:
    'De beschrijving van “{name}” ({organisation}) is sinds {date} niet meer bijgewerkt. Klopt ze nog? Kijk haar na en sla haar opnieuw op, ook als er niets verandert:\n{link}\n\nThe description of “{name}” ({organisation}) has not been updated since {date}. Is it still right? Review it and save it again, even when nothing changes:\n{link}',
} as const;
