/*
 * Tremplin.SingleChoice: one right answer among 2 to 4 big cards (picture + text).
 * The cards are shown shuffled (never in the order written), so that the right answer is
 * not always in the same place. Tapping a card answers the question; the right card is
 * then shown to everyone.
 */
var Tremplin = window.Tremplin = window.Tremplin || {};

(function (Tremplin) {
  'use strict';

  var Exercise = Tremplin.Exercise;
  var el = Exercise.el;
  var decode = Exercise.decode;

  Tremplin.SingleChoice = function (params, contentId, extras) {
    this.shuffled = [];
    Exercise.call(this, params, contentId, extras, 'choice');
  };
  var proto = Exercise.extend(Tremplin.SingleChoice);

  /** The same shuffled order for the cards on screen and for reading them aloud. */
  proto.displayOrder = function (question, index) {
    if (!this.shuffled[index]) {
      this.shuffled[index] = Exercise.shuffle(answersOf(question).map(function (answer, i) {
        return i;
      }));
    }
    return this.shuffled[index];
  };

  proto.resetTask = function () {
    this.shuffled = [];
    Exercise.prototype.resetTask.call(this);
  };

  function answersOf(question) {
    return (question.answers || []).filter(function (answer) {
      return answer && typeof answer === 'object';
    });
  }

  function rightIndex(answers) {
    for (var i = 0; i < answers.length; i++) {
      if (answers[i].correct === true) {
        return i;
      }
    }
    return 0;
  }

  proto.speechParts = function (question) {
    var answers = answersOf(question);
    return this.displayOrder(question, this.current).map(function (position) {
      return decode(answers[position].text);
    });
  };

  proto.renderAnswers = function (area, question, index) {
    var self = this;
    var answers = answersOf(question);
    var right = rightIndex(answers);
    var withPictures = answers.some(function (answer) {
      return answer.image && answer.image.path;
    });
    var list = el('ul', {
      className: 'tpl-choices' + (withPictures ? ' tpl-with-pictures' : ''),
      'aria-labelledby': this.domId('question-' + index)
    });
    var buttons = [];
    this.displayOrder(question, index).forEach(function (i) {
      var answer = answers[i];
      var button = el('button', {type: 'button', className: 'tpl-choice'}, [
        self.image(answer.image, answer.imageAlt),
        el('span', {className: 'tpl-choice-text', dir: 'auto', text: decode(answer.text)})
      ]);
      button.addEventListener('click', function () {
        choose(i);
      });
      list.appendChild(el('li', {}, [button]));
      buttons[i] = button;
    });

    function mark(button, kind) {
      button.classList.add(kind === 'right' ? 'tpl-is-right' : 'tpl-is-wrong');
      button.appendChild(el('span', {className: 'tpl-badge'}, [
        Exercise.icon(kind === 'right' ? 'check' : 'cross'),
        el('span', {text: kind === 'right' ? self.t('rightAnswer') : self.t('yourChoice')})
      ]));
    }

    function choose(chosen) {
      buttons.forEach(function (button) {
        button.disabled = true;
      });
      if (chosen !== right) {
        mark(buttons[chosen], 'wrong');
      }
      mark(buttons[right], 'right');
      self.answer(index, chosen === right ? 1 : 0, decode(answers[chosen].text), {
        rightAnswer: decode(answers[right].text)
      });
    }

    area.appendChild(list);
  };
})(Tremplin);
