package answer

import (
	"slices"
	"strings"
	"unicode"
)

// isEnglish guesses whether a question is in English: mostly ASCII
// letters, and no more words that mark another language (its function
// words, uncapitalised words with its accented letters) than common
// English function words. A question with neither ("taylor swift tour dates") is English:
// telling a member to ask in English takes evidence. Good enough to
// decide on a query rewrite and on checking names, both of which fail
// safe.
func isEnglish(q string) bool {
	letters, ascii := 0, 0
	for _, r := range q {
		if unicode.IsLetter(r) {
			letters++
			if r < 0x80 {
				ascii++
			}
		}
	}
	if letters == 0 || float64(ascii) < 0.9*float64(letters) {
		return false
	}
	// Words as written: an accented word counts only in lower case (or
	// first, capitalised as a sentence starts), since names keep their
	// accents in English too ("Sánchez", "São Paulo").
	written := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	words := make([]string, len(written))
	for i, w := range written {
		words[i] = strings.ToLower(w)
	}
	// A function word capitalised inside a question is part of a name
	// ("Has Al Jazeera…", "Who is Che Guevara"): those languages write
	// them in lower case there, as English does "of" and "the". A long
	// listed word is no function word of a name: German writes its nouns
	// capitalised ("Was ist die Zusammenfassung?").
	marks := func(i int) bool {
		w := words[i]
		return len(foreignWord[w]) > 0 && !englishMarkers[w] && (i == 0 || w == written[i] || len(w) >= 8)
	}
	if len(words) <= 3 {
		// Too short to tell by function words; a short question in another
		// language mostly shows itself by a function word of its own.
		for i := range words {
			if marks(i) {
				return false
			}
		}
		return true
	}
	// Short words of one language are often words of another ("in",
	// "die", "son"): the language with more of its own wins.
	english, foreign := 0, 0
	for i, w := range words {
		switch {
		case englishMarkers[w]:
			english++
		case marks(i) || (i == 0 || w == written[i]) && accented(w):
			foreign++
		}
	}
	return foreign <= english
}

// accented reports whether a word has a letter outside ASCII
// ("französische"): a word of another Latin-script language, or one of
// the few English loanwords that keep their accent ("café").
func accented(w string) bool {
	for _, r := range w {
		if r >= 0x80 {
			return true
		}
	}
	return false
}

var englishMarkers = map[string]bool{
	"the": true, "is": true, "are": true, "what": true, "why": true, "how": true, "who": true,
	"which": true, "does": true, "do": true, "did": true, "of": true, "to": true, "in": true,
	"and": true, "about": true, "whats": true, "what's": true, "who's": true,
	"was": true, "were": true, "it": true, "for": true, "with": true, "on": true, "when": true,
	"where": true, "can": true, "tell": true, "me": true, "say": true, "said": true,
	"has": true, "have": true, "any": true, "will": true,
}

// englishSentence reports whether an answer's sentence shows itself
// English: isEnglish, and one of englishMarkers that other languages do
// not share ("in", "me", "on" and "do" are theirs too). isEnglish alone
// takes a sentence of names ("Estados Unidos, Japón, Australia e India")
// for English.
func englishSentence(s string) bool {
	if !isEnglish(s) {
		return false
	}
	for w := range strings.FieldsFuncSeq(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if englishMarkers[w] && !sharedMarkers[w] {
			return true
		}
	}
	return false
}

var sharedMarkers = map[string]bool{"in": true, "me": true, "on": true, "do": true, "say": true, "was": true, "will": true}

// language names the language of a question that is not English, as an
// ISO 639-1 code, or "" when it cannot tell. Scripts decide for Chinese,
// Japanese, Korean, Russian, Arabic and the like; function words for the
// Latin-script languages.
func language(q string) string {
	var han, kana, hangul, cyrillic, arabic, greek, hebrew int
	for _, r := range q {
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.Is(unicode.Greek, r):
			greek++
		case unicode.Is(unicode.Hebrew, r):
			hebrew++
		}
	}
	switch {
	case kana > 0:
		return "ja"
	case han > 0:
		return "zh"
	case hangul > 0:
		return "ko"
	case cyrillic > 0:
		return "ru"
	case arabic > 0:
		return "ar"
	case greek > 0:
		return "el"
	case hebrew > 0:
		return "he"
	}
	votes := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, l := range foreignWord[w] {
			votes[l]++
		}
	}
	best, n := "", 0
	for _, l := range []string{"es", "fr", "de", "it", "pt", "nl"} {
		if votes[l] > n {
			best, n = l, votes[l]
		}
	}
	return best
}

// foreignWord maps function words that mark a Latin-script language and
// are not English words.
var foreignWord = map[string][]string{}

func init() {
	for lang, words := range map[string]string{
		"es": "qué que por cuál cuáles quién quiénes cómo cuándo dónde el la los las del en una unos es son está están por qué para según pero también sobre artículo resumen resumir cuánto cuántos cuántas cuanto cuantos cuantas donde cuando quien quienes cual cuales esta este estos estas ese esa muy más hay fue sus nos les al ya segun porque",
		"fr": "quoi quel quelle quels quelles pourquoi comment qui est sont le les des une du au aux dans avec sur selon mais aussi il elle ils article résume résumé résumer peux tu combien où à ce cette ces ne pas je nous vous leur leurs été être fait ont entre très aujourd'hui qu'est la que en",
		"de": "was warum wieso wie wer wann welche welcher welches ist sind der die das den dem des ein eine einen und mit über nicht auch laut artikel worum wird werden als zum zur von auf für nach oder sich zusammenfassung fasse wieviel wieviele viele gibt geht es haben hatte wurde wurden kann können soll sollte dass zwischen gegen ohne durch seit noch nur schon sehr diese dieser dieses einer einem eines keine kein",
		"it": "cosa perché come chi quando quale quali è sono il lo gli della delle nel nella con per secondo anche articolo riassumi riassunto favore perche quanto quanti quante che del dei degli alla alle sul sulla nei questo questa questi hanno uno la",
		"pt": "por quê porque como quem quando qual quais é são o os as da das do dos um uma com para segundo também artigo resuma resumo não nao pra pela pelo pelos ao aos às isso essa esse tem têm foi seu sua mais muito quantos quantas onde já que sobre",
		"nl": "wat waarom hoe wie wanneer welke is zijn het een met voor volgens ook samenvatting zou niet bij daar zonder kunnen heeft hebben wordt worden deze tussen tegen naar onze",
	} {
		for _, w := range strings.Fields(words) {
			if !englishMarkers[w] && !englishToo[w] && !slices.Contains(foreignWord[w], lang) {
				foreignWord[w] = append(foreignWord[w], lang)
			}
		}
	}
}

// englishToo are words of those lists that are English words as well.
var englishToo = map[string]bool{"son": true, "die": true, "comment": true, "article": true, "come": true,
	"per": true, "con": true, "as": true, "do": true, "um": true, "met": true, "hoe": true, "also": true,
	"al": true, "ya": true, "hay": true, "sus": true, "pas": true, "fait": true, "entre": true, "che": true, "nur": true, "tem": true, "sua": true, "ce": true, "onze": true, "uno": true,
	// "wat" is English chat spelling too ("wat is aukus").
	"wat": true}

// needsModel is what the bot says, with no model configured, to a question
// in another language: plainly, in English and, where it can tell the
// language, in the asker's.
func needsModel(lang string) string {
	en := "I can only answer questions in English here: answering in other languages needs a language model, and none is configured. Please ask again in English."
	if t := needsModelIn[lang]; t != "" {
		return t + "\n" + en
	}
	return en
}

var needsModelIn = map[string]string{
	"es": "Aquí solo puedo responder preguntas en inglés: responder en otros idiomas requiere un modelo de lenguaje, y no hay ninguno configurado. Vuelve a preguntar en inglés, por favor.",
	"fr": "Je ne peux répondre ici qu’aux questions en anglais : répondre dans d’autres langues demande un modèle de langage, et aucun n’est configuré. Merci de reposer la question en anglais.",
	"de": "Ich kann hier nur Fragen auf Englisch beantworten: Antworten in anderen Sprachen brauchen ein Sprachmodell, und keines ist eingerichtet. Bitte frag noch einmal auf Englisch.",
	"it": "Qui posso rispondere solo a domande in inglese: rispondere in altre lingue richiede un modello linguistico, e nessuno è configurato. Per favore, chiedi di nuovo in inglese.",
	"pt": "Aqui só consigo responder a perguntas em inglês: responder noutras línguas requer um modelo de linguagem, e nenhum está configurado. Pergunte de novo em inglês, por favor.",
	"nl": "Ik kan hier alleen vragen in het Engels beantwoorden: antwoorden in andere talen vraagt een taalmodel, en er is er geen ingesteld. Stel je vraag opnieuw in het Engels.",
	"zh": "这里只能回答英文问题：用其他语言回答需要语言模型，而目前没有配置。请用英文再问一次。",
	"ja": "ここでは英語の質問にしか答えられません。他の言語で答えるには言語モデルが必要ですが、設定されていません。英語でもう一度質問してください。",
	"ko": "여기서는 영어 질문에만 답할 수 있습니다. 다른 언어로 답하려면 언어 모델이 필요하지만 설정되어 있지 않습니다. 영어로 다시 질문해 주세요.",
	"ru": "Здесь я могу отвечать только на вопросы на английском: для ответов на других языках нужна языковая модель, а она не настроена. Пожалуйста, задайте вопрос по-английски.",
}

// overviewInEnglish is the notice on the overview given, with no model,
// to an overview question in another language: the answer is the
// briefing's own words, in English.
func overviewInEnglish(lang string) string {
	en := "Without a language model I can only answer in English: here is what the briefing says overall, in its own words."
	if t := overviewInEnglishIn[lang]; t != "" {
		return t + " / " + en
	}
	return en
}

var overviewInEnglishIn = map[string]string{
	"es": "Sin un modelo de lenguaje solo puedo responder en inglés: esto es lo que dice el informe en conjunto, con sus propias palabras.",
	"fr": "Sans modèle de langage, je ne peux répondre qu’en anglais : voici ce que dit le document dans l’ensemble, avec ses propres mots.",
	"de": "Ohne Sprachmodell kann ich nur auf Englisch antworten: Das sagt das Briefing im Ganzen, in seinen eigenen Worten.",
	"it": "Senza un modello linguistico posso rispondere solo in inglese: ecco cosa dice il documento nel complesso, con le sue parole.",
	"pt": "Sem um modelo de linguagem só consigo responder em inglês: eis o que o documento diz no conjunto, nas suas próprias palavras.",
	"nl": "Zonder taalmodel kan ik alleen in het Engels antwoorden: dit zegt het stuk in zijn geheel, in zijn eigen woorden.",
	"zh": "没有语言模型时我只能用英文回答：以下是这份简报的总体内容，用它自己的原话。",
	"ja": "言語モデルがないため英語でしか答えられません。以下はこの資料全体の要旨です（原文のまま）。",
	"ko": "언어 모델이 없어 영어로만 답할 수 있습니다. 아래는 이 자료 전체의 요지이며 원문 그대로입니다.",
	"ru": "Без языковой модели я могу отвечать только по-английски: вот что говорится в материале в целом, его же словами.",
}
