/*
 * Tremplin.Exercise: the shell shared by Tremplin's content types.
 *
 * It builds the title, the progress line, the read-aloud button, the feedback, the
 * "next" button and the end screen, and it sends the xAPI statements that the Tremplin
 * server reads. A content type inherits from it and only draws its answers:
 * renderAnswers(area, question, index) and speechParts(question), then calls
 * this.answer(index, score, response, feedbackNode).
 *
 * Plays inside a sandboxed frame: no storage, no network, no inline script, no eval.
 */
var Tremplin = window.Tremplin = window.Tremplin || {};

(function (Tremplin, H5P) {
  'use strict';

  var SUB_CONTENT_ID = 'http://h5p.org/x-api/h5p-subContentId';

  /* Interface strings. FALC: short, plain sentences. Content cannot change them. */
  var STRINGS = {
    fr: {
      progress: 'Question {n} sur {total}',
      listen: 'Écouter',
      stopListening: 'Arrêter la lecture',
      answerNumber: 'Réponse {n}',
      right: 'Bonne réponse !',
      wrong: 'Ce n\'est pas ça. La bonne réponse est : {answer}',
      next: 'Question suivante',
      finish: 'Voir mon résultat',
      resultTitle: 'Votre résultat',
      score: '{score} sur {total}',
      allRight: 'Bravo ! Tout est juste.',
      mostlyRight: 'C\'est bien ! Vous progressez.',
      keepGoing: 'Continuez. Vous allez y arriver.',
      restart: 'Recommencer',
      yourChoice: 'Votre choix',
      rightAnswer: 'Bonne réponse',
      tapInstructions: 'Touchez la bonne zone sur l\'image.',
      orChoose: 'Ou choisissez ici :',
      tappedElsewhere: 'Ailleurs sur l\'image',
      tappedHere: 'Vous avez touché ici',
      rightZone: 'La bonne zone',
      orderInstructions: 'Touchez les étapes dans l\'ordre : la première, puis la deuxième…',
      stepNumber: 'Étape {n}',
      noNumber: 'Pas encore de numéro',
      clearAll: 'Tout effacer',
      check: 'Valider',
      stepsLeft: 'Donnez un numéro à toutes les étapes.',
      rightOrder: 'Bonne réponse ! C\'est le bon ordre.',
      wrongOrder: 'Ce n\'est pas le bon ordre. Le bon ordre est :',
      wellPlaced: 'Bien placée',
      misplaced: 'Mal placée'
    },
    en: {
      progress: 'Question {n} of {total}',
      listen: 'Listen',
      stopListening: 'Stop reading',
      answerNumber: 'Answer {n}',
      right: 'Right answer!',
      wrong: 'That is not it. The right answer is: {answer}',
      next: 'Next question',
      finish: 'See my result',
      resultTitle: 'Your result',
      score: '{score} out of {total}',
      allRight: 'Well done! Everything is right.',
      mostlyRight: 'Good! You are making progress.',
      keepGoing: 'Keep going. You will get there.',
      restart: 'Start again',
      yourChoice: 'Your choice',
      rightAnswer: 'Right answer',
      tapInstructions: 'Tap the right place on the picture.',
      orChoose: 'Or choose here:',
      tappedElsewhere: 'Somewhere else on the picture',
      tappedHere: 'You tapped here',
      rightZone: 'The right place',
      orderInstructions: 'Tap the steps in order: the first one, then the second one…',
      stepNumber: 'Step {n}',
      noNumber: 'No number yet',
      clearAll: 'Clear all',
      check: 'Check',
      stepsLeft: 'Give a number to every step.',
      rightOrder: 'Right answer! This is the right order.',
      wrongOrder: 'This is not the right order. The right order is:',
      wellPlaced: 'Right place',
      misplaced: 'Wrong place'
    },
    ar: {
      progress: 'السؤال {n} من {total}',
      listen: 'استمع',
      stopListening: 'أوقف القراءة',
      answerNumber: 'الإجابة {n}',
      right: 'إجابة صحيحة!',
      wrong: 'ليست هذه. الإجابة الصحيحة هي: {answer}',
      next: 'السؤال التالي',
      finish: 'اعرض نتيجتي',
      resultTitle: 'نتيجتك',
      score: '{score} من {total}',
      allRight: 'أحسنت! كل الإجابات صحيحة.',
      mostlyRight: 'جيد! أنت تتقدم.',
      keepGoing: 'استمر. ستنجح.',
      restart: 'ابدأ من جديد',
      yourChoice: 'اختيارك',
      rightAnswer: 'الإجابة الصحيحة',
      tapInstructions: 'المس المكان الصحيح في الصورة.',
      orChoose: 'أو اختر هنا:',
      tappedElsewhere: 'مكان آخر في الصورة',
      tappedHere: 'لمست هنا',
      rightZone: 'المكان الصحيح',
      orderInstructions: 'المس الخطوات بالترتيب: الأولى، ثم الثانية…',
      stepNumber: 'الخطوة {n}',
      noNumber: 'بدون رقم بعد',
      clearAll: 'امسح الكل',
      check: 'تحقق',
      stepsLeft: 'أعط رقمًا لكل الخطوات.',
      rightOrder: 'إجابة صحيحة! هذا هو الترتيب الصحيح.',
      wrongOrder: 'هذا ليس الترتيب الصحيح. الترتيب الصحيح هو:',
      wellPlaced: 'في مكانها',
      misplaced: 'ليست في مكانها'
    }
  };
  var RTL_LANGUAGES = {ar: true};

  /** The page language, reduced to a code we have strings for (fallback: fr). */
  function pageLanguage() {
    var lang = (document.documentElement.getAttribute('lang') || '').toLowerCase();
    lang = lang.split(/[-_]/)[0];
    return STRINGS[lang] ? lang : 'fr';
  }

  /** Text fields arrive HTML-escaped (H5P convention); we only ever use textContent. */
  function decode(value) {
    if (typeof value !== 'string') {
      return '';
    }
    return value
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#0?39;/g, '\'')
      .replace(/&amp;/g, '&');
  }

  /**
   * French spacing: a no-break space before ? ! : ; » and after «, so that a lone
   * punctuation mark never starts a line on a narrow screen. Display only.
   */
  function typography(text) {
    return String(text)
      .replace(/ ([?!:;\u00bb])/g, '\u00a0$1')
      .replace(/\u00ab /g, '\u00ab\u00a0');
  }

  /** Small DOM builder: el('p', {className: 'x', text: 'Hello'}, [children]). */
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    var name;
    attributes = attributes || {};
    for (name in attributes) {
      if (!Object.prototype.hasOwnProperty.call(attributes, name)) {
        continue;
      }
      var value = attributes[name];
      if (value === undefined || value === null || value === false) {
        continue;
      }
      if (name === 'text') {
        node.textContent = typography(value);
      }
      else if (name === 'className') {
        node.className = value;
      }
      else if (name === 'onClick') {
        node.addEventListener('click', value);
      }
      else {
        node.setAttribute(name, value === true ? '' : value);
      }
    }
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  /** Inline icons drawn with SVG elements (no file, no font). */
  function icon(name) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'tpl-icon');
    var paths = {
      speaker: ['M4 9h4l5-4v14l-5-4H4z', 'M16 8.5a5 5 0 0 1 0 7', 'M18.5 6a8.5 8.5 0 0 1 0 12'],
      stop: ['M7 7h10v10H7z'],
      check: ['M5 12.5l4.5 4.5L19 7.5'],
      cross: ['M6 6l12 12', 'M18 6L6 18'],
      restart: ['M5 12a7 7 0 1 0 2.1-5', 'M5 4v5h5']
    }[name] || [];
    paths.forEach(function (d) {
      var path = document.createElementNS(ns, 'path');
      path.setAttribute('d', d);
      svg.appendChild(path);
    });
    return svg;
  }

  /**
   * Base constructor. Content types call it from their own constructor.
   *
   * @param {object} params content.json
   * @param {string|number} contentId
   * @param {object} extras H5P extras (metadata)
   * @param {string} interactionType xAPI interaction type of one question
   */
  Tremplin.Exercise = function (params, contentId, extras, interactionType) {
    if (H5P && H5P.EventDispatcher) {
      H5P.EventDispatcher.call(this);
    }
    this.params = params || {};
    this.contentId = contentId;
    this.extras = extras || {};
    this.interactionType = interactionType || 'other';
    this.questions = (this.params.questions || []).filter(function (question) {
      return question && typeof question === 'object';
    });
    this.lang = pageLanguage();
    this.strings = STRINGS[this.lang];
    this.results = [];
    this.current = 0;
    this.startedAt = Date.now();
    this.root = null;
  };

  if (H5P && H5P.EventDispatcher) {
    Tremplin.Exercise.prototype = Object.create(H5P.EventDispatcher.prototype);
    Tremplin.Exercise.prototype.constructor = Tremplin.Exercise;
  }

  var proto = Tremplin.Exercise.prototype;

  /* Helpers shared with the content types. */
  Tremplin.Exercise.decode = decode;
  Tremplin.Exercise.el = el;
  Tremplin.Exercise.icon = icon;
  Tremplin.Exercise.STRINGS = STRINGS;

  /** One interface string, with {placeholders} filled in. */
  proto.t = function (key, values) {
    var text = this.strings[key] || STRINGS.fr[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split('{' + name + '}').join(String(values[name]));
    });
    return text;
  };

  proto.getTitle = function () {
    var metadata = this.extras.metadata || {};
    return decode(metadata.title || '');
  };

  /** An <img> for an H5P image field, or null. */
  proto.image = function (file, alt, className) {
    if (!file || !file.path) {
      return null;
    }
    var self = this;
    var img = el('img', {
      src: H5P.getPath(file.path, this.contentId),
      alt: decode(alt || ''),
      className: className || 'tpl-picture',
      draggable: 'false'
    });
    img.addEventListener('load', function () {
      self.trigger('resize');
    });
    return img;
  };

  /* ------------------------------------------------------------------ layout */

  proto.attach = function ($container) {
    var container = $container && $container.get ? $container.get(0) : $container;
    this.root = container;
    container.classList.add('tpl-ex');
    container.setAttribute('lang', this.lang);
    if (RTL_LANGUAGES[this.lang]) {
      container.setAttribute('dir', 'rtl');
    }
    else {
      container.setAttribute('dir', 'ltr');
    }
    this.startedAt = Date.now();
    this.showQuestion(0);
  };

  proto.clear = function () {
    this.stopSpeaking();
    this.emptyNode(this.root);
  };

  proto.header = function () {
    var title = this.getTitle();
    return title ? el('h2', {className: 'tpl-title', dir: 'auto', text: title}) : null;
  };

  proto.showQuestion = function (index) {
    var self = this;
    var question = this.questions[index];
    this.current = index;
    this.clear();
    if (!question) {
      this.showEnd();
      return;
    }
    var total = this.questions.length;
    var bar = el('div', {className: 'tpl-progress-bar', 'aria-hidden': 'true'}, [
      el('div', {className: 'tpl-progress-fill'})
    ]);
    bar.firstChild.style.width = Math.round((index + 1) / total * 100) + '%';

    this.questionNode = el('p', {
      className: 'tpl-question',
      id: this.domId('question-' + index),
      tabindex: '-1',
      dir: 'auto',
      text: decode(question.text)
    });
    this.answerArea = el('div', {className: 'tpl-answers'});
    this.feedbackNode = el('div', {className: 'tpl-feedback', 'aria-live': 'polite'});
    this.navNode = el('div', {className: 'tpl-nav'});

    var top = el('div', {className: 'tpl-top'}, [
      el('p', {className: 'tpl-progress', text: this.t('progress', {n: index + 1, total: total})}),
      this.listenButton(question)
    ]);
    this.root.appendChild(el('div', {className: 'tpl-card'}, [
      this.header(),
      top,
      bar,
      this.questionNode,
      this.showQuestionPicture ? this.image(question.image, question.imageAlt, 'tpl-question-picture') : null,
      this.answerArea,
      this.feedbackNode,
      this.navNode
    ]));
    this.renderAnswers(this.answerArea, question, index);
    if (index > 0) {
      this.questionNode.focus();
    }
    setTimeout(function () {
      self.trigger('resize');
    }, 0);
    this.trigger('resize');
  };

  proto.domId = function (suffix) {
    return 'tpl-' + String(this.contentId).replace(/[^A-Za-z0-9_-]/g, '') + '-' + suffix;
  };

  /* ------------------------------------------------------------ read aloud */

  proto.canSpeak = function () {
    return typeof window.speechSynthesis !== 'undefined' &&
      typeof window.SpeechSynthesisUtterance !== 'undefined';
  };

  proto.voice = function () {
    var code = this.lang;
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || '').toLowerCase().indexOf(code) === 0) {
        return voices[i];
      }
    }
    return null;
  };

  proto.listenButton = function (question) {
    if (!this.canSpeak()) {
      return null;
    }
    var self = this;
    var label = el('span', {text: this.t('listen')});
    var button = el('button', {
      type: 'button',
      className: 'tpl-button tpl-listen',
      'aria-pressed': 'false'
    }, [icon('speaker'), label]);
    button.addEventListener('click', function () {
      if (button.getAttribute('aria-pressed') === 'true') {
        self.stopSpeaking();
        return;
      }
      self.speak(self.speechText(question), button, label);
    });
    this.listenNode = button;
    this.listenLabel = label;
    return button;
  };

  proto.speechText = function (question) {
    var self = this;
    var sentence = function (text) {
      text = String(text).trim();
      return /[.?!:\u2026\u061F]$/.test(text) ? text : text + '.';
    };
    var parts = [sentence(decode(question.text))];
    (this.speechIntro(question) || []).forEach(function (text) {
      parts.push(sentence(text));
    });
    (this.speechParts(question) || []).forEach(function (text, i) {
      parts.push(sentence(self.numberSpeech ? self.t('answerNumber', {n: i + 1}) + ' : ' + text : text));
    });
    return parts.join(' ');
  };

  proto.speak = function (text, button, label) {
    var self = this;
    var synth = window.speechSynthesis;
    synth.cancel();
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = this.lang;
    var voice = this.voice();
    if (voice) {
      utterance.voice = voice;
      utterance.lang = voice.lang;
    }
    utterance.rate = 0.9;
    var done = function () {
      button.setAttribute('aria-pressed', 'false');
      button.classList.remove('tpl-speaking');
      button.replaceChild(icon('speaker'), button.firstChild);
      label.textContent = self.t('listen');
    };
    utterance.onend = done;
    utterance.onerror = done;
    button.setAttribute('aria-pressed', 'true');
    button.classList.add('tpl-speaking');
    button.replaceChild(icon('stop'), button.firstChild);
    label.textContent = this.t('stopListening');
    synth.speak(utterance);
  };

  proto.stopSpeaking = function () {
    if (this.canSpeak()) {
      window.speechSynthesis.cancel();
    }
  };

  /* -------------------------------------------------------------- answering */

  /** A short message in the feedback area that is not an answer ("number every step"). */
  proto.hint = function (message) {
    this.emptyNode(this.feedbackNode);
    this.feedbackNode.className = 'tpl-feedback tpl-feedback-hint';
    this.feedbackNode.appendChild(el('p', {className: 'tpl-feedback-text', text: message}));
    this.trigger('resize');
  };

  proto.emptyNode = function (node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  };

  /**
   * Record the answer to question `index` and show the feedback.
   *
   * @param {number} index
   * @param {number} score 0 or 1
   * @param {string} response what the learner chose, as text
   * @param {object} options rightAnswer: the right answer as text, for the "wrong" sentence;
   *   message: a sentence replacing the "wrong" one; extra: a node shown under the sentence
   */
  proto.answer = function (index, score, response, options) {
    if (this.results[index]) {
      return;
    }
    var self = this;
    options = options || {};
    score = score ? 1 : 0;
    this.results[index] = {score: score, response: response};
    this.stopSpeaking();

    var message;
    if (options.message || score) {
      message = el('span', {text: options.message || this.t('right')});
    }
    else {
      // The answer is content (French) inside an interface sentence that may be Arabic:
      // isolated in a <bdi> so that its punctuation stays where it belongs.
      var parts = this.t('wrong').split('{answer}');
      message = el('span', {}, [
        el('span', {text: parts[0]}),
        el('bdi', {text: options.rightAnswer || ''}),
        parts[1] ? el('span', {text: parts[1]}) : null
      ]);
    }
    this.emptyNode(this.feedbackNode);
    this.feedbackNode.className = 'tpl-feedback ' + (score ? 'tpl-feedback-right' : 'tpl-feedback-wrong');
    this.feedbackNode.appendChild(el('p', {className: 'tpl-feedback-text'}, [
      icon(score ? 'check' : 'cross'),
      message
    ]));
    if (options.extra) {
      this.feedbackNode.appendChild(options.extra);
    }

    this.triggerAnswered(index, score, response);

    var last = index === this.questions.length - 1;
    var next = el('button', {
      type: 'button',
      className: 'tpl-button tpl-primary tpl-next',
      text: last ? this.t('finish') : this.t('next')
    });
    next.addEventListener('click', function () {
      if (last) {
        self.showEnd();
      }
      else {
        self.showQuestion(index + 1);
      }
    });
    this.emptyNode(this.navNode);
    this.navNode.appendChild(next);
    next.focus();
    this.trigger('resize');
  };

  /* --------------------------------------------------------------- the end */

  proto.showEnd = function () {
    var self = this;
    this.clear();
    var score = this.getScore();
    var total = this.getMaxScore();
    var ratio = total ? score / total : 0;
    var sentence = ratio === 1 ? this.t('allRight') :
      ratio >= 0.5 ? this.t('mostlyRight') : this.t('keepGoing');
    var heading = el('h2', {className: 'tpl-result-title', tabindex: '-1', text: this.t('resultTitle')});
    var restart = el('button', {
      type: 'button',
      className: 'tpl-button tpl-primary tpl-restart'
    }, [icon('restart'), el('span', {text: this.t('restart')})]);
    restart.addEventListener('click', function () {
      self.resetTask();
    });
    var stars = el('div', {className: 'tpl-stars', 'aria-hidden': 'true'});
    for (var i = 0; i < total; i++) {
      stars.appendChild(el('span', {
        className: 'tpl-star' + (i < score ? ' tpl-star-on' : ''),
        text: i < score ? '★' : '☆'
      }));
    }
    this.root.appendChild(el('div', {className: 'tpl-card tpl-end'}, [
      this.header(),
      heading,
      el('p', {className: 'tpl-score', text: this.t('score', {score: score, total: total})}),
      stars,
      el('p', {className: 'tpl-encourage', text: sentence}),
      el('div', {className: 'tpl-nav'}, [restart])
    ]));
    heading.focus();
    this.triggerCompleted();
    this.trigger('resize');
  };

  /* ------------------------------------------------------------------ xAPI */

  /**
   * h5p-standalone drops a minor version of 0 from the library name, so H5P core writes
   * the category as "Tremplin.X-1.undefined": put the 0 back.
   */
  function fixCategory(statement) {
    var activities = statement.context && statement.context.contextActivities;
    (activities && activities.category || []).forEach(function (category) {
      if (typeof category.id === 'string') {
        category.id = category.id.replace(/\.undefined$/, '.0');
      }
    });
  }

  /** Statement for one question, as the Tremplin server reads it. */
  proto.triggerAnswered = function (index, score, response) {
    if (typeof this.createXAPIEventTemplate !== 'function') {
      return;
    }
    var key = 'q' + (index + 1);
    var text = decode(this.questions[index].text);
    var event = this.createXAPIEventTemplate('answered');
    var statement = event.data.statement;
    statement.object = statement.object || {};
    var mainId = statement.object.id;
    var definition = statement.object.definition = statement.object.definition || {};
    definition.name = {};
    definition.name[this.lang] = text;
    definition.name['en-US'] = text;
    definition.type = 'http://adlnet.gov/expapi/activities/cmi.interaction';
    definition.interactionType = this.interactionType;
    definition.extensions = definition.extensions || {};
    definition.extensions[SUB_CONTENT_ID] = key;
    statement.context = statement.context || {};
    statement.context.contextActivities = statement.context.contextActivities || {};
    statement.context.contextActivities.parent = [{id: mainId, objectType: 'Activity'}];
    fixCategory(statement);
    statement.object.id = mainId + '?subContentId=' + key;
    statement.result = {
      score: {min: 0, raw: score, max: 1, scaled: score},
      success: score === 1,
      response: response,
      completion: true
    };
    this.trigger(event);
  };

  /** Statement for the whole run, sent when the end screen shows. */
  proto.triggerCompleted = function () {
    if (typeof this.createXAPIEventTemplate !== 'function') {
      return;
    }
    var raw = this.getScore();
    var max = this.getMaxScore();
    var event = this.createXAPIEventTemplate('completed');
    var statement = event.data.statement;
    if (statement.context && statement.context.contextActivities) {
      delete statement.context.contextActivities.parent;
    }
    fixCategory(statement);
    statement.result = {
      score: {min: 0, raw: raw, max: max, scaled: max ? Math.round(raw / max * 10000) / 10000 : 0},
      success: raw === max,
      completion: true,
      duration: 'PT' + Math.max(0, Math.round((Date.now() - this.startedAt) / 1000)) + 'S'
    };
    this.trigger(event);
  };

  /* ----------------------------------------------- H5P question contract */

  proto.getScore = function () {
    return this.results.reduce(function (sum, result) {
      return sum + (result ? result.score : 0);
    }, 0);
  };

  proto.getMaxScore = function () {
    return this.questions.length;
  };

  proto.getAnswerGiven = function () {
    return this.results.some(function (result) {
      return !!result;
    });
  };

  /** Start over: nothing answered, a new run (and a new set of statements). */
  proto.resetTask = function () {
    this.results = [];
    this.startedAt = Date.now();
    if (this.root) {
      this.showQuestion(0);
      if (this.questionNode) {
        this.questionNode.focus();
      }
    }
  };

  /* Content types override these. */
  proto.numberSpeech = true;
  proto.showQuestionPicture = true;
  proto.renderAnswers = function () {};
  proto.speechIntro = function () {
    return [];
  };
  proto.speechParts = function () {
    return [];
  };

  /** Fisher-Yates shuffle that never returns the original order (n >= 2). */
  Tremplin.Exercise.shuffle = function (items) {
    var result = items.slice();
    if (result.length < 2) {
      return result;
    }
    var same = true;
    while (same) {
      for (var i = result.length - 1; i > 0; i--) {
        var j = Math.floor(Math.random() * (i + 1));
        var swap = result[i];
        result[i] = result[j];
        result[j] = swap;
      }
      same = result.every(function (item, k) {
        return item === items[k];
      });
    }
    return result;
  };

  /** Let a content type inherit from the shell. */
  Tremplin.Exercise.extend = function (Child) {
    Child.prototype = Object.create(Tremplin.Exercise.prototype);
    Child.prototype.constructor = Child;
    return Child.prototype;
  };
})(Tremplin, window.H5P);
