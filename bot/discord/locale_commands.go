package discord

import (
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// commandText is the localised name and description of one command,
// subcommand or option. A missing name keeps the English one everywhere
// (moderators' and educators' commands are typed by their English names).
type commandText struct {
	name, desc texts
}

// commandTexts are keyed by path: the command's name, then its
// subcommands' and options' names ("ask question", "admin stats"), then
// "=" and a choice's value for a choice ("admin channels rule =auto"). Slash
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
	"admin approved page": {desc: texts{
		discordgo.German: "Welche Seite zu 25 (Standard 1)", discordgo.SpanishES: "Qué página de 25 (por defecto 1)",
		discordgo.French: "Quelle page de 25 (1 par défaut)", discordgo.Japanese: "25 件ずつのページ番号（既定 1）",
		discordgo.PortugueseBR: "Qual página de 25 (padrão 1)", discordgo.ChineseCN: "第几页（每页 25 条，默认 1）",
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

	// Options of the moderators' and educators' subcommands: descriptions
	// (and the channel rule's choices); their names stay English.
	"admin briefing-add file": {desc: texts{
		discordgo.German: "Das Briefing (.md mit Front Matter oder .txt)", discordgo.SpanishES: "El informe (.md con front matter, o .txt)",
		discordgo.French: "Le briefing (.md avec front matter, ou .txt)", discordgo.Japanese: "ブリーフィング（フロントマター付きの .md、または .txt）",
		discordgo.PortugueseBR: "O briefing (.md com front matter, ou .txt)", discordgo.ChineseCN: "简报（带 front matter 的 .md，或 .txt）",
	}},
	"admin briefing-add replace": {desc: texts{
		discordgo.German: "Ein hinzugefügtes Briefing mit derselben ID ersetzen", discordgo.SpanishES: "Reemplazar un informe añadido con el mismo id",
		discordgo.French: "Remplacer un briefing ajouté ayant le même id", discordgo.Japanese: "同じ ID の追加済みブリーフィングを置き換える",
		discordgo.PortugueseBR: "Substituir um briefing adicionado com o mesmo id", discordgo.ChineseCN: "替换已添加的同 ID 简报",
	}},
	"admin briefing-remove id": {desc: texts{
		discordgo.German: "Die ID des Briefings", discordgo.SpanishES: "El id del informe", discordgo.French: "L'id du briefing",
		discordgo.Japanese: "ブリーフィングの ID", discordgo.PortugueseBR: "O id do briefing", discordgo.ChineseCN: "简报的 ID",
	}},
	"admin channels channel": {desc: texts{
		discordgo.German: "Der Kanal, Thread oder das Forum", discordgo.SpanishES: "El canal, hilo o foro", discordgo.French: "Le salon, fil ou forum",
		discordgo.Japanese: "チャンネル、スレッド、またはフォーラム", discordgo.PortugueseBR: "O canal, tópico ou fórum", discordgo.ChineseCN: "频道、子区或论坛",
	}},
	"admin channels rule": {desc: texts{
		discordgo.German: "erlauben, sperren, jede Frage beantworten oder zurücksetzen", discordgo.SpanishES: "permitir, bloquear, responder a toda pregunta o borrar",
		discordgo.French: "autoriser, bloquer, répondre à toutes les questions, ou effacer", discordgo.Japanese: "許可、拒否、すべての質問に回答、または解除",
		discordgo.PortugueseBR: "permitir, bloquear, responder a toda pergunta ou limpar", discordgo.ChineseCN: "允许、禁止、回答所有问题，或清除",
	}},
	"admin channels rule =allow": {name: texts{discordgo.German: "erlauben", discordgo.SpanishES: "permitir", discordgo.French: "autoriser",
		discordgo.Japanese: "許可", discordgo.PortugueseBR: "permitir", discordgo.ChineseCN: "允许"}},
	"admin channels rule =deny": {name: texts{discordgo.German: "sperren", discordgo.SpanishES: "bloquear", discordgo.French: "bloquer",
		discordgo.Japanese: "拒否", discordgo.PortugueseBR: "bloquear", discordgo.ChineseCN: "禁止"}},
	"admin channels rule =auto": {name: texts{discordgo.German: "jede Frage beantworten (ohne Erwähnung)",
		discordgo.SpanishES: "responder a toda pregunta (sin mención)", discordgo.French: "répondre à toutes les questions (sans mention)",
		discordgo.Japanese: "すべての質問に回答（メンション不要）", discordgo.PortugueseBR: "responder a toda pergunta (sem menção)",
		discordgo.ChineseCN: "回答所有问题（无需提及）"}},
	"admin channels rule =clear": {name: texts{discordgo.German: "zurücksetzen", discordgo.SpanishES: "borrar", discordgo.French: "effacer",
		discordgo.Japanese: "解除", discordgo.PortugueseBR: "limpar", discordgo.ChineseCN: "清除"}},
	"admin limits user_per_minute": {desc: texts{
		discordgo.German: "Fragen pro Mitglied und Minute (0 = Standard)", discordgo.SpanishES: "Preguntas por miembro y minuto (0 = predeterminado)",
		discordgo.French: "Questions par membre et par minute (0 = par défaut)", discordgo.Japanese: "メンバー 1 人が 1 分間にできる質問数（0 = 既定）",
		discordgo.PortugueseBR: "Perguntas por membro por minuto (0 = padrão)", discordgo.ChineseCN: "每位成员每分钟可提问数（0 = 默认）",
	}},
	"admin limits guild_per_minute": {desc: texts{
		discordgo.German: "Fragen des ganzen Servers pro Minute (0 = Standard)", discordgo.SpanishES: "Preguntas del servidor por minuto (0 = predeterminado)",
		discordgo.French: "Questions du serveur par minute (0 = par défaut)", discordgo.Japanese: "サーバー全体で 1 分間にできる質問数（0 = 既定）",
		discordgo.PortugueseBR: "Perguntas do servidor por minuto (0 = padrão)", discordgo.ChineseCN: "整个服务器每分钟可提问数（0 = 默认）",
	}},
	"admin limits private": {desc: texts{
		discordgo.German: "Antworten standardmäßig nur für die fragende Person sichtbar", discordgo.SpanishES: "Respuestas visibles solo para quien pregunta, por defecto",
		discordgo.French: "Réponses visibles par défaut par l'auteur de la question seulement", discordgo.Japanese: "既定で回答を質問者だけに表示",
		discordgo.PortugueseBR: "Respostas visíveis só para quem perguntou, por padrão", discordgo.ChineseCN: "默认仅提问者可见回答",
	}},
	"admin educators role": {desc: texts{
		discordgo.German: "Die Rolle", discordgo.SpanishES: "El rol", discordgo.French: "Le rôle",
		discordgo.Japanese: "ロール", discordgo.PortugueseBR: "O cargo", discordgo.ChineseCN: "身份组",
	}},
	"admin educators educator": {desc: texts{
		discordgo.German: "true gibt, false entzieht", discordgo.SpanishES: "true concede, false retira", discordgo.French: "true accorde, false retire",
		discordgo.Japanese: "true で付与、false で解除", discordgo.PortugueseBR: "true concede, false retira", discordgo.ChineseCN: "true 授予，false 收回",
	}},
	"admin stats period":  periodText,
	"admin export period": periodText,
	"admin approve question": {desc: texts{
		discordgo.German: "Die Frage", discordgo.SpanishES: "La pregunta", discordgo.French: "La question",
		discordgo.Japanese: "質問", discordgo.PortugueseBR: "A pergunta", discordgo.ChineseCN: "问题",
	}},
	"admin approve text": {desc: texts{
		discordgo.German: "Bearbeiteter Antworttext mit [n]-Zitatmarken", discordgo.SpanishES: "Texto editado de la respuesta, con marcas de cita [n]",
		discordgo.French: "Texte de réponse modifié, avec les marqueurs de citation [n]", discordgo.Japanese: "編集した回答の本文（引用マーカー [n] 付き）",
		discordgo.PortugueseBR: "Texto editado da resposta, com marcadores de citação [n]", discordgo.ChineseCN: "编辑后的回答文本，含 [n] 引用标记",
	}},
	"admin review id": {desc: texts{
		discordgo.German: "Die ID der Freigabe", discordgo.SpanishES: "El id de la aprobación", discordgo.French: "L'id de l'approbation",
		discordgo.Japanese: "承認の ID", discordgo.PortugueseBR: "O id da aprovação", discordgo.ChineseCN: "批准的 ID",
	}},
	"admin review approve": {desc: texts{
		discordgo.German: "true hebt die Aussetzung auf, false löscht die Freigabe", discordgo.SpanishES: "true levanta la suspensión, false borra la aprobación",
		discordgo.French: "true lève la suspension, false supprime l'approbation", discordgo.Japanese: "true で停止を解除、false で承認を削除",
		discordgo.PortugueseBR: "true retira a suspensão, false apaga a aprovação", discordgo.ChineseCN: "true 解除暂停，false 删除批准",
	}},
	"quiz start questions": {desc: texts{
		discordgo.German: "Wie viele Fragen (1–10, Standard 5)", discordgo.SpanishES: "Cuántas preguntas (1–10, por defecto 5)",
		discordgo.French: "Combien de questions (1–10, 5 par défaut)", discordgo.Japanese: "問題数（1〜10、既定は 5）",
		discordgo.PortugueseBR: "Quantas perguntas (1–10, padrão 5)", discordgo.ChineseCN: "题目数量（1–10，默认 5）",
	}},
	"quiz start briefing": briefingIDText,
	"quiz close quiz": {desc: texts{
		discordgo.German: "Welches Quiz (Standard: das neueste offene hier)", discordgo.SpanishES: "Qué cuestionario (por defecto: el último abierto aquí)",
		discordgo.French: "Quel quiz (par défaut : le dernier ouvert ici)", discordgo.Japanese: "対象のクイズ（既定: ここで最後に開いたもの）",
		discordgo.PortugueseBR: "Qual quiz (padrão: o último aberto aqui)", discordgo.ChineseCN: "哪个测验（默认：此处最近开放的）",
	}},
	"session start title": {desc: texts{
		discordgo.German: "Titel der Sitzung", discordgo.SpanishES: "Título de la sesión", discordgo.French: "Titre de la session",
		discordgo.Japanese: "セッションのタイトル", discordgo.PortugueseBR: "Título da sessão", discordgo.ChineseCN: "会话标题",
	}},
	"session start briefing": briefingIDText,
	"session start approve": {desc: texts{
		discordgo.German: "Jede Antwort vor dem Posten prüfen", discordgo.SpanishES: "Revisar cada respuesta antes de publicarla",
		discordgo.French: "Relire chaque réponse avant sa publication", discordgo.Japanese: "各回答を投稿前に確認する",
		discordgo.PortugueseBR: "Revisar cada resposta antes de publicá-la", discordgo.ChineseCN: "每条回答发布前先审核",
	}},
}

// Texts of options several subcommands share.
var (
	periodText = commandText{desc: texts{
		discordgo.German: "24h, 7d, 30d, 2w oder all (Standard 7d)", discordgo.SpanishES: "24h, 7d, 30d, 2w o all (por defecto 7d)",
		discordgo.French: "24h, 7d, 30d, 2w ou all (par défaut 7d)", discordgo.Japanese: "24h、7d、30d、2w、または all（既定は 7d）",
		discordgo.PortugueseBR: "24h, 7d, 30d, 2w ou all (padrão 7d)", discordgo.ChineseCN: "24h、7d、30d、2w 或 all（默认 7d）",
	}}
	briefingIDText = commandText{desc: texts{
		discordgo.German: "ID des Briefings (Standard: das neueste)", discordgo.SpanishES: "Id del informe (por defecto: el más reciente)",
		discordgo.French: "Id du briefing (par défaut : le plus récent)", discordgo.Japanese: "ブリーフィングの ID（既定: 最新）",
		discordgo.PortugueseBR: "Id do briefing (padrão: o mais recente)", discordgo.ChineseCN: "简报 ID（默认：最新的）",
	}}
)

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
		for _, c := range o.Choices {
			if t, ok := commandTexts[p+" ="+fmt.Sprint(c.Value)]; ok {
				c.NameLocalizations = localizations(t.name)
			}
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
