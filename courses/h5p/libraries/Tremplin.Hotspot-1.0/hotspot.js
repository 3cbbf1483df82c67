/*
 * Tremplin.Hotspot: "tap the right place" on a screenshot.
 *
 * The target zone is given in percent of the picture and widened by a tolerance, so that
 * an unsteady finger still counts. Under the picture, the same answer is offered as big
 * buttons (short zone names), for keyboards, screen readers and anyone who cannot tap
 * precisely.
 */
var Tremplin = window.Tremplin = window.Tremplin || {};

(function (Tremplin) {
  'use strict';

  var Exercise = Tremplin.Exercise;
  var el = Exercise.el;
  var decode = Exercise.decode;
  var DEFAULT_TOLERANCE = 4;

  Tremplin.Hotspot = function (params, contentId, extras) {
    Exercise.call(this, params, contentId, extras, 'other');
    var tolerance = Number(this.params.tolerance);
    this.tolerance = isFinite(tolerance) && tolerance >= 0 ? tolerance : DEFAULT_TOLERANCE;
  };
  var proto = Exercise.extend(Tremplin.Hotspot);
  // The screenshot is the answer area itself, not an illustration above the question.
  proto.showQuestionPicture = false;

  function clamp(value) {
    value = Number(value);
    if (!isFinite(value)) {
      return 0;
    }
    return Math.min(100, Math.max(0, value));
  }

  function zoneOf(question) {
    var zone = question.zone || {};
    return {
      x: clamp(zone.x),
      y: clamp(zone.y),
      width: clamp(zone.width),
      height: clamp(zone.height)
    };
  }

  function choicesOf(question) {
    return (question.choices || []).filter(function (choice) {
      return choice && typeof choice === 'object';
    });
  }

  function rightChoice(choices) {
    for (var i = 0; i < choices.length; i++) {
      if (choices[i].correct === true) {
        return i;
      }
    }
    return -1;
  }

  proto.speechIntro = function (question) {
    var intro = [this.t('tapInstructions')];
    if (choicesOf(question).length) {
      intro.push(this.t('orChoose'));
    }
    return intro;
  };

  proto.speechParts = function (question) {
    return choicesOf(question).map(function (choice) {
      return decode(choice.label);
    });
  };

  proto.isInside = function (zone, x, y) {
    var t = this.tolerance;
    return x >= zone.x - t && x <= zone.x + zone.width + t &&
      y >= zone.y - t && y <= zone.y + zone.height + t;
  };

  proto.renderAnswers = function (area, question, index) {
    var self = this;
    var zone = zoneOf(question);
    var choices = choicesOf(question);
    var right = rightChoice(choices);
    var rightLabel = right >= 0 ? decode(choices[right].label) : this.t('rightZone');
    var answered = false;

    var picture = this.image(question.image, question.imageAlt, 'tpl-hotspot-picture');
    var stage = el('div', {className: 'tpl-hotspot'}, [picture]);
    area.appendChild(el('p', {className: 'tpl-instructions', text: this.t('tapInstructions')}));
    area.appendChild(stage);

    function percentBox(className, box, label) {
      var node = el('div', {className: className}, label ? [el('span', {text: label})] : []);
      // Physical left/top: the picture does not mirror in right-to-left languages.
      node.style.left = box.x + '%';
      node.style.top = box.y + '%';
      node.style.width = box.width + '%';
      node.style.height = box.height + '%';
      return node;
    }

    function showZone(tap) {
      stage.classList.add('tpl-hotspot-done');
      var zoneBox = percentBox('tpl-hotspot-zone', zone, self.t('rightZone'));
      // Keep the label inside the picture: above a zone near the bottom, aligned to the
      // nearer side for a zone near an edge.
      if (zone.y + zone.height > 80) {
        zoneBox.classList.add('tpl-label-above');
      }
      var middle = zone.x + zone.width / 2;
      if (middle < 30) {
        zoneBox.classList.add('tpl-label-left');
      }
      else if (middle > 70) {
        zoneBox.classList.add('tpl-label-right');
      }
      stage.appendChild(zoneBox);
      if (tap) {
        var mark = el('div', {className: 'tpl-hotspot-tap ' + (tap.inside ? 'tpl-tap-right' : 'tpl-tap-wrong')});
        mark.style.left = tap.x + '%';
        mark.style.top = tap.y + '%';
        mark.appendChild(el('span', {className: 'tpl-visually-hidden', text: self.t('tappedHere')}));
        stage.appendChild(mark);
      }
    }

    var buttons = [];
    function finish(score, response, tap, chosenButton) {
      answered = true;
      buttons.forEach(function (button) {
        button.disabled = true;
      });
      if (chosenButton !== undefined && chosenButton !== right && buttons[chosenButton]) {
        markButton(buttons[chosenButton], 'wrong');
      }
      if (buttons[right]) {
        markButton(buttons[right], 'right');
      }
      showZone(tap);
      self.answer(index, score, response, {rightAnswer: rightLabel});
    }

    function markButton(button, kind) {
      button.classList.add(kind === 'right' ? 'tpl-is-right' : 'tpl-is-wrong');
      button.appendChild(el('span', {className: 'tpl-badge'}, [
        Exercise.icon(kind === 'right' ? 'check' : 'cross'),
        el('span', {text: kind === 'right' ? self.t('rightAnswer') : self.t('yourChoice')})
      ]));
    }

    stage.addEventListener('click', function (event) {
      if (answered || !picture) {
        return;
      }
      var box = picture.getBoundingClientRect();
      if (!box.width || !box.height) {
        return;
      }
      var x = (event.clientX - box.left) / box.width * 100;
      var y = (event.clientY - box.top) / box.height * 100;
      if (x < 0 || x > 100 || y < 0 || y > 100) {
        return;
      }
      var inside = self.isInside(zone, x, y);
      finish(inside ? 1 : 0, inside ? rightLabel : self.t('tappedElsewhere'), {
        x: Math.round(x * 10) / 10,
        y: Math.round(y * 10) / 10,
        inside: inside
      });
    });

    if (choices.length) {
      var list = el('ul', {className: 'tpl-choices tpl-hotspot-choices'});
      choices.forEach(function (choice, i) {
        var button = el('button', {type: 'button', className: 'tpl-choice'}, [
          el('span', {className: 'tpl-choice-text', dir: 'auto', text: decode(choice.label)})
        ]);
        button.addEventListener('click', function () {
          if (!answered) {
            finish(i === right ? 1 : 0, decode(choice.label), null, i);
          }
        });
        buttons.push(button);
        list.appendChild(el('li', {}, [button]));
      });
      area.appendChild(el('p', {className: 'tpl-instructions tpl-or', text: this.t('orChoose')}));
      area.appendChild(list);
    }
  };
})(Tremplin);
