import type { HandbookPage } from './content.ts';
import type { HandbookRole } from './roles.ts';

// The English handbook. Buttons and screen sections are written {{key}} (see content.ts), never retyped.
export const handbookEn: Record<HandbookRole, HandbookPage> = {
  delegate: {
    title: 'Delegate handbook',
    intro: 'Everything a delegate does in a sitting happens on the tablet: checking in, reading documents, speaking, questioning and voting.',
    sections: [
      { heading: 'Joining the sitting', steps: [
        'Sign in with the username and password the secretariat gave you. {{nav.myMeetings}} lists the meetings you are invited to.',
        'Tap the meeting, then tap {{live.links.delegate}}.',
        'Tap {{live.checkIn.button}} once you are in the hall.',
      ] },
      { heading: 'Reading documents', steps: [
        '{{live.item.documents}} shows the documents of the item under discussion; tap a name to open it.',
        'Tap another item in {{live.agenda.title}} to look ahead; tap {{live.item.backToLive}} to return.',
      ] },
      { heading: 'Speaking and questioning', steps: [
        'Tap {{live.speakers.request}} to ask for the floor; tap {{live.speakers.withdraw}} if you change your mind.',
        'In {{live.questions.title}}, write who the question is for and the question, then tap {{live.questions.send}}.',
      ] },
      { heading: 'Voting', steps: [
        'When the chair opens a vote the ballot appears. Tap your choice, then {{live.ballot.confirm}}; tap {{live.ballot.change}} if you chose wrongly.',
        'A sitting with the {{guidance.rehearsal.marker}} band is a rehearsal: try everything, no result counts.',
      ] },
      { heading: 'Getting help', steps: ['Tap {{guidance.help}} at the top, then {{guidance.restartTour}} to see the step-by-step tour again.'] },
    ],
  },
  chair: {
    title: 'Chair handbook',
    intro: 'The chair presides: gives the floor, opens and closes votes, then signs the adopted resolutions.',
    sections: [
      { heading: 'Presiding', steps: [
        'On the meeting page, tap {{live.links.console}}.',
        'Give the floor in queue order with {{live.speakers.start}}; tap {{live.speakers.stop}} when done.',
      ] },
      { heading: 'Votes', steps: [
        'Pick the prepared poll and tap {{live.polls.open}} (the quorum must be reached).',
        'Once everyone has voted, tap {{live.polls.close}}: the result shows on the projector.',
        'At the end, tap {{live.end.button}}.',
      ] },
      { heading: 'Signing resolutions and minutes', steps: [
        'Open {{nav.resolutions}}, pick the resolution, tap {{sign.submit}} and choose your signing file.',
        'Finalised minutes are signed in {{record.link}}.',
      ] },
    ],
  },
  secretary: {
    title: 'Secretary / secretariat handbook',
    intro: 'The secretariat prepares meetings, runs the agenda live and produces the minutes and resolutions.',
    sections: [
      { heading: 'Preparing', steps: [
        'On the secretariat page, under {{council.tab.meetings}}, create the meeting and its agenda.',
        'When ready, tap {{meeting.publish}}: invited delegates then see the meeting.',
      ] },
      { heading: 'Rehearsing before the session', steps: [
        'In {{live.links.console}}, tap {{guidance.rehearsal.start}}: a practice meeting with the same agenda, documents and delegates is created.',
        'Every screen of the rehearsal shows the {{guidance.rehearsal.marker}} band; practice votes never become resolutions, minutes, reports or portal pages.',
      ] },
      { heading: 'During the sitting', steps: [
        'Tap {{live.links.console}}, then {{live.console.openProjector}} on the projector laptop.',
        'Tap {{live.agenda.setLive}} on the item to discuss; every tablet follows. {{live.agenda.end}} when it is done.',
        'Create a vote with {{live.polls.create}}, then {{live.polls.open}} and {{live.polls.close}}.',
        'At the end, tap {{live.end.button}}.',
      ] },
      { heading: 'After the sitting', steps: [
        'In {{record.link}}, add the narrative, {{record.minutes.save}}, then {{record.minutes.finalize}}.',
        'In {{nav.resolutions}}, tap {{resolutions.create}} for each adopted draft; once signed and sealed, tap {{resolutions.publish}}.',
      ] },
    ],
  },
  clerk: {
    title: 'Clerk handbook',
    intro: 'Clerks upload the meeting documents and take in voter petitions.',
    sections: [
      { heading: 'Documents', steps: [
        'On the meeting page, in {{documents.upload.title}}: tap {{documents.upload.choose}}, pick the PDF files, then {{documents.upload.submit}}.',
        'Secret documents are only listed; they never reach the tablets.',
      ] },
      { heading: 'Voter petitions', steps: [
        'Open {{petitions.title}} from the secretariat page.',
        'Petitions raised at a voter-contact meeting are entered at once with {{petitions.bulkLink}}.',
      ] },
    ],
  },
  guest: {
    title: 'Guest handbook',
    intro: 'Guests follow the sitting and read the non-confidential documents; guests never vote.',
    sections: [
      { heading: 'Following the sitting', steps: [
        'Open the meeting from {{nav.myMeetings}} and tap {{live.links.delegate}}.',
        '{{live.item.documents}} shows the documents of the item under discussion.',
        'When you are questioned, the Standing Committee invites you to answer in the hall.',
      ] },
    ],
  },
  admin: {
    title: 'Administrator handbook',
    intro: 'Administrators manage councils, accounts and the trusted certificates for digital signatures.',
    sections: [
      { heading: 'Councils and accounts', steps: [
        'Open {{nav.admin}}, pick the council and tap {{admin.open}}.',
        'Delegates are imported from a CSV file under {{council.tab.members}}; initial passwords are shown once.',
      ] },
      { heading: 'Security', steps: [
        'In {{trust.title}}, tap {{trust.add}} to add the root or intermediate certificate of the signing authority.',
        'In {{nav.account}}, tap {{totp.start}}.',
      ] },
    ],
  },
};
