/*
 * Tremplin.Ordering: "put the steps in order".
 *
 * The steps are shown shuffled (never already in order). The learner taps them one after
 * the other to number them, taps a numbered step again to take its number back, and
 * presses "Valider". One point when the whole order is right; the feedback shows it.
 */
var Tremplin = window.Tremplin = window.Tremplin || {};

(function (Tremplin) {
  'use strict';

  var Exercise = Tremplin.Exercise;
  var el = Exercise.el;
  var decode = Exercise.decode;

  Tremplin.Ordering = function (params, contentId, extras) {
    Exercise.call(this, params, contentId, extras, 'sequencing');
    this.shuffled = [];
  };
  var proto = Exercise.extend(Tremplin.Ordering);
  proto.numberSpeech = false;

  function stepsOf(question) {
    return (question.steps || []).filter(function (step) {
      return step && typeof step === 'object';
    });
  }

  /** The same shuffled order for the question on screen and for reading it aloud. */
  proto.displayOrder = function (question, index) {
    if (!this.shuffled[index]) {
      var positions = stepsOf(question).map(function (step, i) {
        return i;
      });
      this.shuffled[index] = Exercise.shuffle(positions);
    }
    return this.shuffled[index];
  };

  proto.resetTask = function () {
    this.shuffled = [];
    Exercise.prototype.resetTask.call(this);
  };

  proto.speechIntro = function () {
    return [this.t('orderInstructions')];
  };

  proto.speechParts = function (question) {
    var steps = stepsOf(question);
    return this.displayOrder(question, this.current).map(function (position) {
      return decode(steps[position].text);
    });
  };

  proto.renderAnswers = function (area, question, index) {
    var self = this;
    var steps = stepsOf(question);
    var order = [];
    var done = false;
    var shown = this.displayOrder(question, index);
    var withPictures = steps.some(function (step) {
      return step.image && step.image.path;
    });

    area.appendChild(el('p', {className: 'tpl-instructions', text: this.t('orderInstructions')}));
    var list = el('ul', {
      className: 'tpl-choices tpl-steps' + (withPictures ? ' tpl-steps-pictures' : ''),
      'aria-labelledby': this.domId('question-' + index)
    });
    var buttons = {};
    shown.forEach(function (position) {
      var step = steps[position];
      var number = el('span', {className: 'tpl-step-number', 'aria-hidden': 'true'});
      var spoken = el('span', {className: 'tpl-visually-hidden'});
      var button = el('button', {type: 'button', className: 'tpl-choice tpl-step'}, [
        number,
        spoken,
        self.image(step.image, step.imageAlt, 'tpl-picture tpl-step-picture'),
        el('span', {className: 'tpl-choice-text', dir: 'auto', text: decode(step.text)})
      ]);
      button.addEventListener('click', function () {
        if (done) {
          return;
        }
        var at = order.indexOf(position);
        if (at === -1) {
          order.push(position);
        }
        else {
          order.splice(at, 1);
        }
        refresh();
      });
      buttons[position] = {button: button, number: number, spoken: spoken};
      list.appendChild(el('li', {}, [button]));
    });
    area.appendChild(list);

    function refresh() {
      shown.forEach(function (position) {
        var parts = buttons[position];
        var at = order.indexOf(position);
        parts.number.textContent = at === -1 ? '' : String(at + 1);
        parts.button.classList.toggle('tpl-step-numbered', at !== -1);
        parts.spoken.textContent = (at === -1 ? self.t('noNumber') : self.t('stepNumber', {n: at + 1})) + ' : ';
      });
      if (self.feedbackNode.classList.contains('tpl-feedback-hint') && order.length === steps.length) {
        self.emptyNode(self.feedbackNode);
        self.feedbackNode.className = 'tpl-feedback';
      }
      self.trigger('resize');
    }

    var clearButton = el('button', {type: 'button', className: 'tpl-button tpl-clear', text: this.t('clearAll')});
    clearButton.addEventListener('click', function () {
      order = [];
      refresh();
    });
    var checkButton = el('button', {type: 'button', className: 'tpl-button tpl-primary tpl-check', text: this.t('check')});
    checkButton.addEventListener('click', function () {
      if (order.length < steps.length) {
        self.hint(self.t('stepsLeft'));
        return;
      }
      done = true;
      var right = order.every(function (position, i) {
        return position === i;
      });
      shown.forEach(function (position) {
        var parts = buttons[position];
        var placed = order.indexOf(position) === position;
        parts.button.disabled = true;
        parts.button.classList.add(placed ? 'tpl-is-right' : 'tpl-is-wrong');
        parts.button.appendChild(el('span', {className: 'tpl-badge'}, [
          Exercise.icon(placed ? 'check' : 'cross'),
          el('span', {text: placed ? self.t('wellPlaced') : self.t('misplaced')})
        ]));
      });
      var extra = null;
      if (!right) {
        extra = el('ol', {className: 'tpl-right-order'}, steps.map(function (step) {
          return el('li', {dir: 'auto', text: decode(step.text)});
        }));
      }
      self.answer(index, right ? 1 : 0, order.map(function (position) {
        return decode(steps[position].text);
      }).join(' → '), {
        message: right ? self.t('rightOrder') : self.t('wrongOrder'),
        extra: extra
      });
    });
    this.navNode.appendChild(clearButton);
    this.navNode.appendChild(checkButton);
    refresh();
  };
})(Tremplin);
