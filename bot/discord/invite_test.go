package discord

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/url"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// sessionCalls is every discordgo.Session method this package calls, for
// each use the channel permission Discord checks for it (0: none, such as
// the gateway and interaction webhooks). A method used in several ways has
// a row per way.
var sessionCalls = []struct {
	method string
	use    string
	perm   int64
}{
	{"Open", "gateway connection", 0},
	{"Close", "gateway connection", 0},
	{"AddHandler", "gateway events", 0},
	{"ApplicationCommandBulkOverwrite", "registering the slash commands (the applications.commands scope)", 0},
	{"RequestWithLockedBucket", "an interaction's response, its edits and follow-ups, through its webhook", 0},
	{"User", "the bot's own user (GET /users/@me), to learn its ids without the gateway", 0},
	{"RequestWithBucketID", "the guild's roles, to know the bot's own (members of a guild may read them)", 0},
	{"UpdateCustomStatus", "the status line (a gateway presence update)", 0},
	{"GatewayBot", "the recommended shard count (DISCORD_SHARDS=auto)", 0},
	{"Gateway", "the gateway URL, for the proxy check, when GET /gateway/bot failed", 0},
	{"Channel", "a thread's parent, for the channel rules; a forum post's title", discordgo.PermissionViewChannel},
	{"ChannelMessageSendComplex", "answers and notices in channels; quizzes", discordgo.PermissionSendMessages},
	{"ChannelMessageSendComplex", "answers in threads; the live-session panel, queue and answers", discordgo.PermissionSendMessagesInThreads},
	{"ChannelMessageSendComplex", "replying to a question (message_reference)", discordgo.PermissionReadMessageHistory},
	{"ChannelMessageSendComplex", "the live-session transcript file", discordgo.PermissionAttachFiles},
	{"ChannelMessageEditComplex", "editing its own messages (streamed answers, quiz buttons, the live-session panel)", 0},
	{"ChannelMessageDelete", "deleting its own messages (a quiz Discord did not take whole); a message of its own needs no permission", 0},
	{"ChannelMessages", "listing a channel's quiz messages: retiring a closed quiz's buttons, finding the open quizzes for /quiz close", discordgo.PermissionReadMessageHistory},
	{"GuildMember", "members' display names for quiz leaderboards (needs no privileged intent)", 0},
	{"MessageThreadStartComplex", "a thread for the answer to a mention, an auto-answered question, Continue in thread", discordgo.PermissionCreatePublicThreads},
	{"ThreadStartComplex", "the live-session thread", discordgo.PermissionCreatePublicThreads},
	{"ChannelMessagePin", "pinning the live-session panel", permissionPinMessages},
	{"ChannelEditComplex", "locking the live-session thread when it ends", discordgo.PermissionManageThreads},
}

// calledSessionMethods finds the discordgo.Session methods the package's
// code calls. Sessions are always named s here (b.s, g.s, a handler's s):
// a call X.M where X is s or ends in .s and M is a Session method counts.
func calledSessionMethods(t *testing.T) map[string][]string {
	t.Helper()
	session := reflect.TypeFor[*discordgo.Session]()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	got := map[string][]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			named := false
			switch x := sel.X.(type) {
			case *ast.Ident:
				named = x.Name == "s"
			case *ast.SelectorExpr:
				named = x.Sel.Name == "s"
			}
			if _, isMethod := session.MethodByName(sel.Sel.Name); named && isMethod {
				got[sel.Sel.Name] = append(got[sel.Sel.Name], fset.Position(call.Pos()).String())
			}
			return true
		})
	}
	return got
}

// TestInvitePermissionsMatchCalls ties InvitePermissions to the code: every
// Session call is in sessionCalls with the permission it needs, and
// InvitePermissions is exactly the union of those permissions.
func TestInvitePermissionsMatchCalls(t *testing.T) {
	called := calledSessionMethods(t)
	if len(called) == 0 {
		t.Fatal("found no Session calls: the scan is broken")
	}
	listed := map[string]bool{}
	var union int64
	for _, c := range sessionCalls {
		listed[c.method] = true
		union |= c.perm
		if _, ok := called[c.method]; !ok {
			t.Errorf("sessionCalls lists %s (%s), which the bot no longer calls: drop the row, and its permission from InvitePermissions if nothing else needs it", c.method, c.use)
		}
	}
	var missing []string
	for m, at := range called {
		if !listed[m] {
			missing = append(missing, m+" at "+strings.Join(at, ", "))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("the bot calls Session.%s: add it to sessionCalls with the permission Discord checks, and that permission to InvitePermissions", m)
	}
	if union != InvitePermissions {
		t.Errorf("InvitePermissions = %d, the calls need %d (extra bits %b, missing bits %b)",
			InvitePermissions, union, InvitePermissions&^union, union&^InvitePermissions)
	}
}

func TestInvitePermissionsValue(t *testing.T) {
	if InvitePermissions&discordgo.PermissionManageMessages != 0 {
		t.Error("InvitePermissions asks for Manage Messages; pinning needs only Pin Messages since February 2026")
	}
	if InvitePermissions&(discordgo.PermissionAdministrator|discordgo.PermissionEmbedLinks) != 0 {
		t.Errorf("InvitePermissions asks for Administrator or Embed Links: %d", InvitePermissions)
	}
	if permissionPinMessages != 1<<51 {
		t.Errorf("permissionPinMessages = %d", permissionPinMessages)
	}
	// The README's invite link carries this number: change both together.
	if InvitePermissions != 2252126231301120 {
		t.Errorf("InvitePermissions = %d; update the README's invite link", InvitePermissions)
	}
}

func TestInviteURLLoggedAtStart(t *testing.T) {
	t.Parallel()
	const appID = "400000000000000042" // not the bot's user id, to tell them apart
	h := start(t, setup{noRedis: true, srvOpts: []discordtest.Option{discordtest.WithApplicationID(appID)}})
	want := InviteURL(appID)
	if got := h.bot.InviteURL(); got != want {
		t.Errorf("Bot.InviteURL() = %q, want %q", got, want)
	}
	u, err := url.Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Host != "discord.com" || u.Path != "/oauth2/authorize" || q.Get("client_id") != appID ||
		q.Get("scope") != "bot applications.commands" || q.Get("permissions") != "2252126231301120" {
		t.Errorf("invite URL = %s", want)
	}
	line := logLine(h.log.String(), "invite_url=")
	if !strings.Contains(line, "level=INFO") || !strings.Contains(line, `invite_url="`+want+`"`) {
		t.Errorf("invite URL not logged at start; log:\n%s", h.log.String())
	}
	t.Logf("logged: %s", line)
}

// logLine returns the last line of log that contains s.
func logLine(log, s string) string {
	line := ""
	for l := range strings.Lines(log) {
		if strings.Contains(l, s) {
			line = l
		}
	}
	return line
}
