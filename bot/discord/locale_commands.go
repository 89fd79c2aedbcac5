package discord

import (
	"github.com/bwmarrin/discordgo"
)

// commandText is the localised name and description of one command,
// subcommand or option. A missing name keeps the English one everywhere
// (moderators' and educators' commands are typed by their English names).
type commandText struct {
	name, desc texts
}

// commandTexts are keyed by path: the command's name, then its
// subcommands' and options' names ("ask question", "admin stats"). Slash
// command and option names must be lowercase and match Discord's name
// pattern; message command names may have spaces and capitals. The
// messages of the catalogue refer to these names.
var commandTexts = map[string]commandText{
	"ask": {
		name: texts{discordgo.German: "fragen", discordgo.SpanishES: "preguntar", discordgo.French: "demander",
			discordgo.Japanese: "質問する", discordgo.PortugueseBR: "perguntar", discordgo.ChineseCN: "提问"},
		desc: texts{
			discordgo.German:       "Stell eine Frage zum Briefing; die Antwort zitiert seine Absätze",
			discordgo.SpanishES:    "Haz una pregunta sobre el informe; la respuesta cita sus párrafos",
			discordgo.French:       "Posez une question sur le briefing ; la réponse cite ses paragraphes",
			discordgo.Japanese:     "ブリーフィングについて質問します。回答は該当する段落を引用します",
			discordgo.PortugueseBR: "Faça uma pergunta sobre o briefing; a resposta cita os parágrafos",
			discordgo.ChineseCN:    "就简报提问；回答会引用相关段落",
		},
	},
	"ask question": {
		name: texts{discordgo.German: "frage", discordgo.SpanishES: "pregunta", discordgo.French: "question",
			discordgo.Japanese: "質問", discordgo.PortugueseBR: "pergunta", discordgo.ChineseCN: "问题"},
		desc: texts{discordgo.German: "Deine Frage", discordgo.SpanishES: "Tu pregunta", discordgo.French: "Votre question",
			discordgo.Japanese: "質問の内容", discordgo.PortugueseBR: "Sua pergunta", discordgo.ChineseCN: "你的问题"},
	},
	"ask private": {
		name: texts{discordgo.German: "privat", discordgo.SpanishES: "privado", discordgo.French: "privé",
			discordgo.Japanese: "非公開", discordgo.PortugueseBR: "privado", discordgo.ChineseCN: "私密"},
		desc: texts{discordgo.German: "Nur du siehst die Antwort", discordgo.SpanishES: "Solo tú ves la respuesta",
			discordgo.French: "Vous seul voyez la réponse", discordgo.Japanese: "回答を自分だけに表示",
			discordgo.PortugueseBR: "Só você vê a resposta", discordgo.ChineseCN: "仅你可见回答"},
	},
	askMessageCommand: {
		name: texts{discordgo.German: "briefbot fragen", discordgo.SpanishES: "Preguntar a briefbot",
			discordgo.French: "Demander à briefbot", discordgo.Japanese: "briefbotに質問",
			discordgo.PortugueseBR: "Perguntar ao briefbot", discordgo.ChineseCN: "询问 briefbot"},
	},
	"briefing": {
		name: texts{discordgo.German: "briefing", discordgo.SpanishES: "informe", discordgo.French: "briefing",
			discordgo.Japanese: "ブリーフィング", discordgo.PortugueseBR: "briefing", discordgo.ChineseCN: "简报"},
		desc: texts{
			discordgo.German:       "Was der Bot weiß: Briefings, Daten, Themen, Beispielfragen",
			discordgo.SpanishES:    "Lo que sabe el bot: informes, fechas, temas, preguntas de ejemplo",
			discordgo.French:       "Ce que sait le bot : briefings, dates, sujets, exemples de questions",
			discordgo.Japanese:     "ボットが知っていること: ブリーフィング、日付、トピック、質問例",
			discordgo.PortugueseBR: "O que o bot sabe: briefings, datas, temas, perguntas de exemplo",
			discordgo.ChineseCN:    "机器人掌握的内容：简报、日期、主题、示例问题",
		},
	},
	"help": {
		name: texts{discordgo.German: "hilfe", discordgo.SpanishES: "ayuda", discordgo.French: "aide",
			discordgo.Japanese: "ヘルプ", discordgo.PortugueseBR: "ajuda", discordgo.ChineseCN: "帮助"},
		desc: texts{discordgo.German: "So stellst du dem Bot Fragen", discordgo.SpanishES: "Cómo hacerle preguntas al bot",
			discordgo.French: "Comment poser des questions au bot", discordgo.Japanese: "ボットへの質問のしかた",
			discordgo.PortugueseBR: "Como fazer perguntas ao bot", discordgo.ChineseCN: "如何向机器人提问"},
	},

	// Moderators.
	"admin": {desc: texts{
		discordgo.German:       "Moderation: Briefings, Kanäle, Limits, Statistiken, freigegebene Antworten",
		discordgo.SpanishES:    "Moderadores: informes, canales, límites, estadísticas, respuestas aprobadas",
		discordgo.French:       "Modérateurs : briefings, salons, limites, statistiques, réponses approuvées",
		discordgo.Japanese:     "モデレーター用: ブリーフィング、チャンネル、制限、統計、承認済みの回答",
		discordgo.PortugueseBR: "Moderadores: briefings, canais, limites, estatísticas, respostas aprovadas",
		discordgo.ChineseCN:    "管理员：简报、频道、限制、统计、已批准的回答",
	}},
	"admin briefings": {desc: texts{
		discordgo.German: "Die Briefings auflisten, die der Bot kennt", discordgo.SpanishES: "Listar los informes que conoce el bot",
		discordgo.French: "Lister les briefings que connaît le bot", discordgo.Japanese: "ボットが知っているブリーフィングの一覧",
		discordgo.PortugueseBR: "Listar os briefings que o bot conhece", discordgo.ChineseCN: "列出机器人已知的简报",
	}},
	"admin briefing-add": {desc: texts{
		discordgo.German: "Ein Briefing aus einer .md- oder .txt-Datei hinzufügen", discordgo.SpanishES: "Añadir un informe desde un archivo .md o .txt",
		discordgo.French: "Ajouter un briefing depuis un fichier .md ou .txt", discordgo.Japanese: ".md または .txt ファイルからブリーフィングを追加",
		discordgo.PortugueseBR: "Adicionar um briefing de um arquivo .md ou .txt", discordgo.ChineseCN: "从 .md 或 .txt 文件添加简报",
	}},
	"admin briefing-remove": {desc: texts{
		discordgo.German: "Ein hinzugefügtes Briefing entfernen", discordgo.SpanishES: "Quitar un informe añadido",
		discordgo.French: "Retirer un briefing ajouté", discordgo.Japanese: "追加したブリーフィングを削除",
		discordgo.PortugueseBR: "Remover um briefing adicionado", discordgo.ChineseCN: "移除已添加的简报",
	}},
	"admin reindex": {desc: texts{
		discordgo.German: "Die Briefing-Dateien neu einlesen", discordgo.SpanishES: "Volver a leer los archivos de los informes",
		discordgo.French: "Relire les fichiers des briefings", discordgo.Japanese: "ブリーフィングのファイルを再読み込み",
		discordgo.PortugueseBR: "Ler os arquivos dos briefings novamente", discordgo.ChineseCN: "重新读取简报文件",
	}},
	"admin channels": {desc: texts{
		discordgo.German:       "Den Bot in Kanal, Thread oder Forum erlauben, sperren oder dort jede Frage beantworten lassen",
		discordgo.SpanishES:    "Permitir o bloquear el bot en un canal, hilo o foro, o que responda allí a toda pregunta",
		discordgo.French:       "Autoriser ou bloquer le bot dans un salon, fil ou forum, ou lui faire répondre à tout",
		discordgo.Japanese:     "チャンネル・スレッド・フォーラムでボットを許可/拒否、またはすべての質問に回答させる",
		discordgo.PortugueseBR: "Permitir ou bloquear o bot em canal, tópico ou fórum, ou fazê-lo responder a tudo ali",
		discordgo.ChineseCN:    "在频道、子区或论坛中允许或禁止机器人，或让它回答那里的所有问题",
	}},
	"admin limits": {desc: texts{
		discordgo.German: "Fragen pro Minute und private Antworten", discordgo.SpanishES: "Preguntas por minuto y respuestas privadas",
		discordgo.French: "Questions par minute et réponses privées", discordgo.Japanese: "1 分あたりの質問数と非公開の回答",
		discordgo.PortugueseBR: "Perguntas por minuto e respostas privadas", discordgo.ChineseCN: "每分钟提问数与私密回答",
	}},
	"admin educators": {desc: texts{
		discordgo.German:       "Einer Rolle Lehrrechte geben oder entziehen (Sitzungen, Quizze)",
		discordgo.SpanishES:    "Dar o quitar a un rol los permisos de educador (sesiones, cuestionarios)",
		discordgo.French:       "Donner ou retirer à un rôle les droits d'enseignant (sessions, quiz)",
		discordgo.Japanese:     "ロールに講師権限を付与または解除（セッション、クイズ）",
		discordgo.PortugueseBR: "Dar ou tirar de um cargo os direitos de educador (sessões, quizzes)",
		discordgo.ChineseCN:    "授予或收回某身份组的讲师权限（会话、测验）",
	}},
	"admin stats": {desc: texts{
		discordgo.German: "Fragen, Antworten, Bewertungen und Lücken", discordgo.SpanishES: "Preguntas, respuestas, votos y lagunas",
		discordgo.French: "Questions, réponses, votes et lacunes", discordgo.Japanese: "質問、回答、評価、カバーされていない内容",
		discordgo.PortugueseBR: "Perguntas, respostas, votos e lacunas", discordgo.ChineseCN: "提问、回答、投票与未覆盖的内容",
	}},
	"admin export": {desc: texts{
		discordgo.German: "Die Statistiken als CSV-Datei", discordgo.SpanishES: "Las estadísticas en un archivo CSV",
		discordgo.French: "Les statistiques en fichier CSV", discordgo.Japanese: "統計を CSV ファイルで出力",
		discordgo.PortugueseBR: "As estatísticas em um arquivo CSV", discordgo.ChineseCN: "以 CSV 文件导出统计",
	}},
	"admin eval": {desc: texts{
		discordgo.German: "Die Belegprüfung für jedes Briefing ausführen", discordgo.SpanishES: "Ejecutar la comprobación de fuentes en cada informe",
		discordgo.French: "Lancer la vérification des sources sur chaque briefing", discordgo.Japanese: "すべてのブリーフィングで根拠チェックを実行",
		discordgo.PortugueseBR: "Executar a verificação de fontes em cada briefing", discordgo.ChineseCN: "对每份简报运行依据检查",
	}},
	"admin approve": {desc: texts{
		discordgo.German:       "Die Antwort des Bots auf eine Frage freigeben, optional bearbeitet",
		discordgo.SpanishES:    "Aprobar la respuesta del bot a una pregunta, editada si se quiere",
		discordgo.French:       "Approuver la réponse du bot à une question, éventuellement modifiée",
		discordgo.Japanese:     "質問へのボットの回答を承認（編集も可）",
		discordgo.PortugueseBR: "Aprovar a resposta do bot a uma pergunta, editada se quiser",
		discordgo.ChineseCN:    "批准机器人对某个问题的回答（可先编辑）",
	}},
	"admin approved": {desc: texts{
		discordgo.German: "Freigegebene Antworten auflisten, auch ausgesetzte", discordgo.SpanishES: "Listar las respuestas aprobadas, incluidas las suspendidas",
		discordgo.French: "Lister les réponses approuvées, suspendues comprises", discordgo.Japanese: "承認済みの回答を一覧表示（停止中のものを含む）",
		discordgo.PortugueseBR: "Listar as respostas aprovadas, incluindo as suspensas", discordgo.ChineseCN: "列出已批准的回答，包括已暂停的",
	}},
	"admin review": {desc: texts{
		discordgo.German: "Eine ausgesetzte Freigabe wieder aktivieren oder verwerfen", discordgo.SpanishES: "Reactivar o descartar una aprobación suspendida",
		discordgo.French: "Réactiver ou supprimer une approbation suspendue", discordgo.Japanese: "停止中の承認を再開または破棄",
		discordgo.PortugueseBR: "Reativar ou descartar uma aprovação suspensa", discordgo.ChineseCN: "恢复或删除已暂停的批准",
	}},

	// Educators.
	"quiz": {desc: texts{
		discordgo.German:       "Multiple-Choice-Quizze zu einem Briefing (Lehrende)",
		discordgo.SpanishES:    "Cuestionarios de opción múltiple sobre un informe (educadores)",
		discordgo.French:       "Quiz à choix multiples sur un briefing (enseignants)",
		discordgo.Japanese:     "ブリーフィングの選択式クイズ（講師用）",
		discordgo.PortugueseBR: "Quizzes de múltipla escolha sobre um briefing (educadores)",
		discordgo.ChineseCN:    "基于简报的选择题测验（讲师）",
	}},
	"quiz start": {desc: texts{
		discordgo.German: "Ein Quiz in diesem Kanal posten", discordgo.SpanishES: "Publicar un cuestionario en este canal",
		discordgo.French: "Publier un quiz dans ce salon", discordgo.Japanese: "このチャンネルにクイズを投稿",
		discordgo.PortugueseBR: "Publicar um quiz neste canal", discordgo.ChineseCN: "在此频道发布测验",
	}},
	"quiz close": {desc: texts{
		discordgo.German: "Ein Quiz schließen und die Bestenliste posten", discordgo.SpanishES: "Cerrar un cuestionario y publicar su clasificación",
		discordgo.French: "Clore un quiz et publier son classement", discordgo.Japanese: "クイズを締め切ってランキングを投稿",
		discordgo.PortugueseBR: "Encerrar um quiz e publicar o ranking", discordgo.ChineseCN: "关闭测验并发布排行榜",
	}},
	"session": {desc: texts{
		discordgo.German:       "Eine Live-Fragerunde zu einem Briefing leiten (Lehrende)",
		discordgo.SpanishES:    "Dirigir una sesión de preguntas en directo sobre un informe (educadores)",
		discordgo.French:       "Animer une session de questions-réponses en direct sur un briefing (enseignants)",
		discordgo.Japanese:     "ブリーフィングのライブ Q&A セッションを開催（講師用）",
		discordgo.PortugueseBR: "Conduzir uma sessão de perguntas ao vivo sobre um briefing (educadores)",
		discordgo.ChineseCN:    "就简报举办实时问答会话（讲师）",
	}},
	"session start": {desc: texts{
		discordgo.German: "Hier einen Thread für die Fragerunde öffnen", discordgo.SpanishES: "Abrir aquí un hilo de preguntas",
		discordgo.French: "Ouvrir ici un fil de questions-réponses", discordgo.Japanese: "ここに Q&A スレッドを開く",
		discordgo.PortugueseBR: "Abrir aqui um tópico de perguntas", discordgo.ChineseCN: "在此开启问答子区",
	}},
	"session next": {desc: texts{
		discordgo.German:       "Die Frage mit den meisten Stimmen samt Antwort posten (im Thread der Sitzung)",
		discordgo.SpanishES:    "Publicar la pregunta más votada con su respuesta (en el hilo de la sesión)",
		discordgo.French:       "Publier la question la plus votée avec sa réponse (dans le fil de la session)",
		discordgo.Japanese:     "最も票を集めた質問を回答とともに投稿（セッションのスレッド内）",
		discordgo.PortugueseBR: "Publicar a pergunta mais votada com a resposta (no tópico da sessão)",
		discordgo.ChineseCN:    "发布票数最高的问题及其回答（在会话子区中）",
	}},
	"session end": {desc: texts{
		discordgo.German:       "Sitzung beenden: Protokoll, dann Thread sperren (im Thread der Sitzung)",
		discordgo.SpanishES:    "Terminar la sesión: transcripción y cierre del hilo (en el hilo de la sesión)",
		discordgo.French:       "Terminer la session : transcription, puis verrouillage du fil (dans le fil)",
		discordgo.Japanese:     "セッションを終了: 記録を投稿してスレッドをロック（セッションのスレッド内）",
		discordgo.PortugueseBR: "Encerrar a sessão: transcrição, depois bloquear o tópico (no tópico da sessão)",
		discordgo.ChineseCN:    "结束会话：发布记录后锁定子区（在会话子区中）",
	}},
}

// localized returns def with the localisations of commandTexts on it and
// its options, recursively.
func localized(def *discordgo.ApplicationCommand) *discordgo.ApplicationCommand {
	if t, ok := commandTexts[def.Name]; ok {
		if m := localizations(t.name); m != nil {
			def.NameLocalizations = &m
		}
		if m := localizations(t.desc); m != nil {
			def.DescriptionLocalizations = &m
		}
	}
	localizeOptions(def.Name, def.Options)
	return def
}

func localizeOptions(path string, opts []*discordgo.ApplicationCommandOption) {
	for _, o := range opts {
		p := path + " " + o.Name
		if t, ok := commandTexts[p]; ok {
			o.NameLocalizations = localizations(t.name)
			o.DescriptionLocalizations = localizations(t.desc)
		}
		localizeOptions(p, o.Options)
	}
}

// localizations is t as Discord takes it; Latin America's Spanish gets
// Spain's, which is written to suit both.
func localizations(t texts) map[discordgo.Locale]string {
	if len(t) == 0 {
		return nil
	}
	m := make(map[discordgo.Locale]string, len(t)+1)
	for l, s := range t {
		m[l] = s
	}
	if s, ok := t[discordgo.SpanishES]; ok {
		m[discordgo.SpanishLATAM] = s
	}
	return m
}
