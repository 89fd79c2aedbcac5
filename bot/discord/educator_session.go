package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/session"
)

// Session custom ids: "ss:<action>:<thread id>:<question id>", action u
// (upvote), a (approve), e (edit), s (skip); "ssm:<thread>:<question>" is
// the edit modal.
const (
	prefixSession      = "ss:"
	prefixSessionModal = "ssm:"
)

func sessionCommandDef() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "session",
		Description: "Run a live Q&A session on a briefing (educators)",
		Contexts:    guildOnly(), IntegrationTypes: guildInstall(),
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "start", Description: "Open a Q&A thread here",
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "title", Description: "Title of the session", Required: true, MaxLength: 90},
					{Type: discordgo.ApplicationCommandOptionString, Name: "briefing", Description: "Briefing id (default: the latest)", Autocomplete: true},
					{Type: discordgo.ApplicationCommandOptionBoolean, Name: "approve", Description: "Review each answer before it is posted"},
				}},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "next", Description: "Post the top-voted question with its answer (in the session thread)"},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "end", Description: "End the session: transcript, then lock the thread (in the session thread)"},
		},
	}
}

// runSessionCmd handles /session start|next|end; every one is for
// educators only, checked here whatever Discord's permissions say.
func (e *educator) runSessionCmd(ctx context.Context, r *Reply) error {
	opts := r.I.ApplicationCommandData().Options
	if len(opts) == 0 {
		return &UserError{Kind: KindUnknown}
	}
	if ok, err := e.educatorOrRefuse(ctx, r); !ok {
		return err
	}
	switch opts[0].Name {
	case "start":
		return e.sessionStart(ctx, r, opts)
	case "next":
		return e.sessionNext(ctx, r)
	case "end":
		return e.sessionEnd(ctx, r)
	}
	return &UserError{Kind: KindUnknown}
}

func (e *educator) sessionStart(ctx context.Context, r *Reply, opts []*discordgo.ApplicationCommandInteractionDataOption) error {
	title := oneLine(eduString(opts, "title"))
	if title == "" {
		return eduRefuse(r, tr(r.I.Locale, msgEduNoTitle))
	}
	br, ok, ambiguous := e.findBriefing(eduString(opts, "briefing"))
	if ambiguous {
		return eduRefuse(r, tr(r.I.Locale, msgEduAmbiguousBriefing))
	}
	if !ok {
		return eduRefuse(r, tr(r.I.Locale, msgEduUnknownBriefing))
	}
	approve := eduBool(opts, "approve")
	if err := r.Defer(true); err != nil {
		return err
	}
	th, err := e.b.s.ThreadStartComplex(r.I.ChannelID, &discordgo.ThreadStart{
		// Everyone sees the thread: named in the server's language.
		Name: threadName(tr(e.b.guildLocale(r.I.GuildID), msgSessionThreadName, title)), AutoArchiveDuration: 1440, Type: discordgo.ChannelTypeGuildPublicThread,
	})
	if err != nil {
		e.b.log.Info("cannot open a session thread", "channel", r.I.ChannelID, "err", err)
		return r.Edit(tr(r.I.Locale, msgEduNoThread), nil)
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	sess, err := e.d.Sessions.Start(sctx, r.I.GuildID, th.ID, title, br.ID, approve, r.UserID())
	cancel()
	if err != nil {
		return storeFailed(err)
	}
	e.liveThreads.Store(th.ID, sess.EducatorID)
	if err := e.postPanel(ctx, sess, br); err != nil {
		return err
	}
	return r.Edit(tr(r.I.Locale, msgEduSessionStarted, "<#"+th.ID+">"), nil)
}

// sessionIn returns the running session of the thread the command ran
// in, or tells the user there is none (or it has ended); with ended set,
// an ended session is returned too.
func (e *educator) sessionIn(ctx context.Context, r *Reply, ended bool) (session.Session, bool, error) {
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	sess, err := e.d.Sessions.Get(sctx, r.I.ChannelID)
	if errors.Is(err, session.ErrNotFound) {
		if e.wasSession(r.I.ChannelID) {
			// Expired, or lost with the store: not the wrong channel.
			return sess, false, eduRefuse(r, tr(r.I.Locale, msgEduSessionLost))
		}
		return sess, false, eduRefuse(r, tr(r.I.Locale, msgEduNoSession))
	}
	if err != nil {
		return sess, false, storeFailed(err)
	}
	if sess.Ended() && !ended {
		return sess, false, eduRefuse(r, tr(r.I.Locale, msgSessionEnded))
	}
	return sess, true, nil
}

func (e *educator) sessionNext(ctx context.Context, r *Reply) error {
	sess, ok, err := e.sessionIn(ctx, r, false)
	if !ok {
		return err
	}
	if err := r.Defer(true); err != nil {
		return err
	}
	thread := sess.ThreadID
	for range 20 {
		sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
		q, ok, err := e.d.Sessions.Next(sctx, thread)
		cancel()
		if err != nil {
			return storeFailed(err)
		}
		if !ok {
			return r.Edit(tr(r.I.Locale, msgEduNoneWaiting), nil)
		}
		if q.Draft == nil {
			// Within the interaction token's life, as an /ask's answer:
			// past it nothing could tell the educator.
			dctx, cancel := context.WithDeadline(ctx, r.received.Add(e.b.cfg.AnswerWithin))
			q, err = e.draft(dctx, sess, q, false)
			cancel()
			if errors.Is(err, session.ErrChanged) || errors.Is(err, session.ErrState) {
				continue // reworded, withdrawn or taken meanwhile: look again
			}
			if err != nil {
				return err
			}
		}
		if sess.Approve && q.Status != session.StatusApproved {
			// Whole, however long: what the educator approves is what
			// gets posted.
			parts := splitContent(renderReview(r.I.Locale, q), contentBudget)
			return e.b.deliver(interactionSink{r}, parts, reviewButtons(r.I.Locale, thread, q))
		}
		sctx, cancel = context.WithTimeout(ctx, eduStoreTimeout)
		q, err = e.d.Sessions.MarkPosted(sctx, thread, q.ID)
		cancel()
		if errors.Is(err, session.ErrState) {
			continue // posted by someone else meanwhile: take the next
		}
		if errors.Is(err, session.ErrEnded) {
			// Ended by another educator while this one's draft was
			// written: nothing is posted in the locked thread.
			return r.Edit(tr(r.I.Locale, msgSessionEnded), nil)
		}
		if err != nil {
			return storeFailed(err)
		}
		// Marked posted first, so that of two educators racing exactly
		// one posts; an answer Discord then refuses is unposted
		// (postAnswer), and the panel shows the queue either way.
		err = e.postAnswer(ctx, r, sess, q)
		e.panelChanged(thread)
		return err
	}
	return r.Edit(tr(r.I.Locale, msgEduQueueChanging), nil)
}

// postAnswer posts a question marked posted, with its answer, in the
// session's thread, and tells the educator how it went. If Discord will
// not take its first message (a 4xx: a moderator locked the thread, the
// bot lost Send Messages in Threads; or a 503, not taken in), no member
// saw it: the question is put back in the queue (session.Store.Unpost),
// where /session next finds it again, rather than lost, counted as
// answered. A 500, a 504 or no answer at all may come after Discord
// posted it: the question stays posted, so that /session next does not
// post it twice, and the educator is told it is uncertain. If a later
// message fails, members saw the answer's start: it stays posted, and
// the educator is told it was posted only in part.
func (e *educator) postAnswer(ctx context.Context, r *Reply, sess session.Session, q session.Question) error {
	thread := sess.ThreadID
	for i, part := range splitContent(renderSessionAnswer(e.b.guildLocale(sess.GuildID), q), contentBudget) {
		err := e.post(thread, part, nil)
		if err == nil {
			continue
		}
		if i > 0 {
			e.b.log.Warn("session answer posted only in part", "thread", thread, "question", q.ID, "part", i+1, "err", err)
			return r.Edit(tr(r.I.Locale, msgEduPostedPartly, q.Seq), nil)
		}
		if !refused(err) && !notTakenIn(err) {
			e.b.log.Warn("a session answer's post failed without saying whether Discord took it; left posted", "thread", thread, "question", q.ID, "err", err)
			return r.Edit(tr(r.I.Locale, msgEduPostUncertain, q.Seq), nil)
		}
		e.b.log.Warn("cannot post a session answer in its thread; putting the question back in the queue", "thread", thread, "question", q.ID, "err", err)
		sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
		_, uerr := e.d.Sessions.Unpost(sctx, thread, q.ID)
		cancel()
		if uerr != nil {
			// Left marked posted: the educator is told the store failed.
			return storeFailed(fmt.Errorf("session %s: %s not posted (%w), nor put back in the queue: %w", thread, q.ID, err, uerr))
		}
		text := msgEduPostFailed
		if postRefused(err) {
			text = msgEduPostRefused
		}
		return r.Edit(tr(r.I.Locale, text, q.Seq), nil)
	}
	return r.Edit(tr(r.I.Locale, msgEduPosted, q.Seq), nil)
}

// postRefused reports whether Discord refused a post for a reason the
// educator can fix in the server: no permission to post there (403), or
// the thread locked or archived.
func postRefused(err error) bool {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil {
		return false
	}
	return re.Response.StatusCode == http.StatusForbidden || re.Message != nil &&
		(re.Message.Code == discordgo.ErrCodeThreadIsLocked || re.Message.Code == discordgo.ErrCodePerformedOperationOnArchivedThread)
}

// ask answers a session question through the question service, as a
// session draft. With limited, the draft is taken from its first asker's
// rate limit, the one their /ask takes from, and a member over it gets an
// *asking.Refusal (RateLimited) and no draft: drafting at a question's
// arrival is work a member causes, at a model's cost, while /session
// next is the educator's, who needs the answer whatever the member's
// limit.
//
// The question is asked of the session's briefing alone: a session on
// one briefing is not answered, nor cited, from another the bot knows.
func (e *educator) ask(ctx context.Context, sess session.Session, q session.Question, limited bool) (answer.Answer, error) {
	asker := ""
	if len(q.Askers) > 0 {
		asker = q.Askers[0]
	}
	surface := asking.SurfaceSession
	if limited {
		surface = asking.SurfaceSessionQueue
	}
	qs := e.b.deps.Questions
	t, err := qs.Admit(ctx, asking.Question{
		Surface: surface, GuildID: sess.GuildID, ChannelID: sess.ThreadID, UserID: asker, Text: q.Text,
		Briefing: sess.BriefingID,
	})
	if err != nil {
		return answer.Answer{}, err
	}
	res, err := qs.Answer(ctx, t, nil)
	return res.Answer, err
}

// draft answers a question and stores the answer as its draft, unless
// it has one by then: drafted at its arrival and at /session next at
// once, the first draft stored stays, with the educator's approval or
// edit (session.Store.SetDraft decides, atomically). It returns the
// question as stored. limited is ask's.
func (e *educator) draft(ctx context.Context, sess session.Session, q session.Question, limited bool) (session.Question, error) {
	a, err := e.ask(ctx, sess, q, limited)
	if err != nil {
		return q, err
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	q, err = e.d.Sessions.SetDraft(sctx, sess.ThreadID, q.ID, q.Rev, a)
	if err != nil && !errors.Is(err, session.ErrChanged) && !errors.Is(err, session.ErrState) && !errors.Is(err, session.ErrEnded) && !errors.Is(err, session.ErrNotFound) {
		return q, storeFailed(err)
	}
	return q, err
}

// eduVotes is a count of votes in loc.
func eduVotes(loc discordgo.Locale, n int) string {
	if n == 1 {
		return tr(loc, msgVoteOne)
	}
	return tr(loc, msgVotesMany, n)
}

// transcriptText is the fixed text of a session's transcript in loc (the
// guild's): the labels, headings and tallies; the session's data is
// shown as it is, its times as UTC stamps.
func transcriptText(loc discordgo.Locale) session.TranscriptText {
	count := func(one, many msg) func(int) string {
		return func(n int) string {
			if pluralOne(loc, n) {
				return tr(loc, one, n)
			}
			return tr(loc, many, n)
		}
	}
	return session.TranscriptText{
		Untitled:      tr(loc, msgTranscriptUntitled),
		Briefing:      tr(loc, msgTranscriptBriefing),
		Started:       tr(loc, msgTranscriptStarted),
		Ended:         tr(loc, msgTranscriptEnded),
		Approved:      tr(loc, msgTranscriptApproved),
		Questions:     tr(loc, msgTranscriptQuestions),
		Answered:      tr(loc, msgTranscriptAnswered),
		Uncovered:     tr(loc, msgTranscriptUncovered),
		Skipped:       tr(loc, msgTranscriptSkipped),
		NotReached:    tr(loc, msgTranscriptNotReached),
		None:          tr(loc, msgTranscriptNone),
		NoneUncovered: tr(loc, msgTranscriptNoneUncovered),
		Edited:        tr(loc, msgTranscriptEdited),
		Sources:       tr(loc, msgTranscriptSources),
		Source:        tr(loc, msgTranscriptSource),
		Askers:        count(msgTranscriptAskerOne, msgTranscriptAskersMany),
		Votes:         count(msgTranscriptVoteOne, msgVotesMany),
	}
}

// renderSessionAnswer is a posted question with its answer and sources,
// in loc (the guild's); the answer itself is not translated.
func renderSessionAnswer(loc discordgo.Locale, q session.Question) string {
	head := tr(loc, msgSessionQuestionHead, q.Seq, eduVotes(loc, q.Votes))
	if q.Edited {
		head += tr(loc, msgSessionReviewed)
	}
	return head + "\n" + renderAnswerBy(loc, q.Text, *q.Draft, q.Edited)
}

// renderReview is the educator's private view of a draft, in loc (the
// educator's), whole (split it to send it); the answer itself is not
// translated.
func renderReview(loc discordgo.Locale, q session.Question) string {
	s := tr(loc, msgEduReviewHead, q.Seq, eduVotes(loc, q.Votes)) + "\n" + renderAnswerBy(loc, q.Text, *q.Draft, q.Edited)
	return s + "\n\n" + tr(loc, msgEduReviewHowTo)
}

// reviewButtons are a draft's Approve / Edit / Skip, labelled in loc (the
// educator's). They name the question's revision: pressed after its
// asker changed it, they are refused (session.ErrChanged).
func reviewButtons(loc discordgo.Locale, thread string, q session.Question) []discordgo.MessageComponent {
	id := func(a string) string {
		return prefixSession + a + ":" + thread + ":" + q.ID + ":" + strconv.Itoa(q.Rev)
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Style: discordgo.SuccessButton, Label: tr(loc, msgApproveButton), CustomID: id("a")},
		discordgo.Button{Style: discordgo.PrimaryButton, Label: tr(loc, msgEduEdit), CustomID: id("e")},
		discordgo.Button{Style: discordgo.SecondaryButton, Label: tr(loc, msgEduSkip), CustomID: id("s")},
	}}}
}

// upvoteButton is a question's Upvote button, labelled in loc.
func upvoteButton(loc discordgo.Locale, thread, qid string) []discordgo.MessageComponent {
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Style: discordgo.SecondaryButton, Label: tr(loc, msgUpvote), Emoji: &discordgo.ComponentEmoji{Name: "⬆️"},
			CustomID: prefixSession + "u:" + thread + ":" + qid},
	}}}
}

// sessionEnd ends the session, posts its transcript and locks the
// thread. Run in a session that has ended, it posts the transcript if it
// is not in the thread yet: the way to get one Discord refused the first
// time. A transcript Discord will not take in the thread (locked and
// archived by the first end, or deleted), or posted already (two
// educators ending at once post one), is handed to the educator
// privately instead.
func (e *educator) sessionEnd(ctx context.Context, r *Reply) error {
	sess, ok, err := e.sessionIn(ctx, r, true)
	if !ok {
		return err
	}
	if err := r.Defer(true); err != nil {
		return err
	}
	thread := sess.ThreadID
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	if _, _, err := e.d.Sessions.End(sctx, thread); err != nil {
		return storeFailed(err)
	}
	e.liveThreads.Delete(thread)
	e.finalPanel(thread)
	// The transcript is the class's, like the post it comes with: in the
	// guild's locale, the copy handed to the educator too.
	loc := e.b.guildLocale(sess.GuildID)
	md, err := e.d.Sessions.Transcript(sctx, thread, transcriptText(loc))
	if err != nil {
		return storeFailed(err)
	}
	transcript := func() []*discordgo.File {
		return []*discordgo.File{{Name: "transcript.md", ContentType: "text/markdown", Reader: strings.NewReader(md)}}
	}
	claimed, err := e.d.Sessions.ClaimTranscript(sctx, thread)
	if err != nil {
		return storeFailed(err)
	}
	if !claimed {
		return r.editReport(tr(r.I.Locale, msgEduTranscriptPosted), nil, transcript())
	}
	_, err = e.b.s.ChannelMessageSendComplex(thread, &discordgo.MessageSend{
		Content:         tr(loc, msgSessionEndedPost),
		Flags:           answerFlags,
		AllowedMentions: noMentions(),
		Components:      []discordgo.MessageComponent{},
		Files:           transcript(),
	})
	// A post Discord refused (4xx) or never took in (503, no
	// connection) is not in the thread; a 500, a 504 or no answer may
	// have landed, and is counted as posted, so that the next end does
	// not post a second one. Recorded whatever the request's context.
	uncertain := err != nil && !refused(err) && !notTakenIn(err)
	pctx, pcancel := context.WithTimeout(context.WithoutCancel(ctx), eduStoreTimeout)
	defer pcancel()
	if perr := e.d.Sessions.TranscriptPosted(pctx, thread, err == nil || uncertain); perr != nil {
		// Its claim lapses by itself; posted, the next end may post
		// the transcript again.
		e.b.log.Warn("cannot record the transcript's post", "thread", thread, "err", perr)
	}
	if uncertain {
		e.b.log.Warn("the transcript's post failed without saying whether Discord took it; counted as posted, given to the educator", "thread", thread, "err", err)
		return r.editReport(tr(r.I.Locale, msgEduTranscriptUncertain), nil, transcript())
	}
	if err != nil {
		e.b.log.Info("cannot post the transcript in the session thread; given to the educator", "thread", thread, "err", err)
		return r.editReport(tr(r.I.Locale, msgEduTranscriptHere), nil, transcript())
	}
	// The reply says what happened, so it waits for the lock: without
	// Manage Threads the thread stays open, and the educator must know.
	done := msgEduSessionClosed
	yes := true
	if _, err := e.b.s.ChannelEditComplex(thread, &discordgo.ChannelEdit{Locked: &yes, Archived: &yes}); err != nil {
		e.b.log.Warn("cannot lock the session thread", "thread", thread, "err", err)
		done = msgEduSessionClosedNotLocked
	}
	if err := r.Edit(tr(r.I.Locale, done), nil); err != nil {
		e.b.logErr(r.I, "session end reply", err)
	}
	return nil
}
