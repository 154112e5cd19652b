#include "api/app.h"

#include <spdlog/spdlog.h>

namespace kefu::api {
namespace {

SchedulerOptions WithJobs(SchedulerOptions o, AfterSalesService& after_sales,
                          LogisticsService& logistics, ClassificationService& classification,
                          TrainingService& training, BotService& bot) {
  o.jobs.push_back([&after_sales](Timestamp now) { return after_sales.FlagOverdueRefunds(now); });
  o.jobs.push_back([&logistics](Timestamp now) { return logistics.RemindCarrierFollowUps(now); });
  // A model trained on another node of the same database.
  o.jobs.push_back([&classification](Timestamp) -> StatusOr<int> {
    KEFU_RETURN_IF_ERROR(classification.PickUpNewerModel().status());
    return 0;  // not a reminder
  });
  // Exam attempts whose time ran out are submitted with what was saved.
  o.jobs.push_back([&training](Timestamp) -> StatusOr<int> {
    KEFU_RETURN_IF_ERROR(training.SweepExpired().status());
    return 0;  // not a reminder
  });
  // Answered chats whose customer never said whether it helped.
  o.jobs.push_back([&bot](Timestamp now) -> StatusOr<int> {
    KEFU_RETURN_IF_ERROR(bot.AutoResolve(now).status());
    return 0;  // not a reminder
  });
  return o;
}

}  // namespace

App::App(Store& store, Clock& clock, AppOptions o)
    : clock_(clock),
      carrier_secret_(std::move(o.carrier_secret)),
      auth_(store, clock, o.login_throttle),
      config_(store, clock),
      sla_(store, config_, clock),
      after_sales_(store, clock, config_),
      compensations_(store, clock, config_),
      logistics_(store, clock, config_, &sla_),
      text_(std::move(TextService::Create({}, o.text)).value()),
      search_(store, DefaultSearchAnalyzer()),
      classification_(store, clock, *text_),
      knowledge_(store, clock),
      training_(store, clock, DefaultSearchAnalyzer().tokenizer()),
      scheduler_(store, config_, sla_, clock,
                 WithJobs(std::move(o.scheduler), after_sales_, logistics_, classification_,
                          training_, bot_)),
      tickets_(store, clock, TicketServiceDeps{&config_, &sla_, {&scheduler_}, text_.get()}),
      customers_(store, clock),
      bot_(store, tickets_, config_, *text_, DefaultSearchAnalyzer()),
      notifications_(store, clock),
      feed_(store, auth_, LiveFeedOptions{.max_per_user = o.max_streams_per_user}),
      presence_(store, auth_, feed_, clock),
      reports_(store, clock) {
  // A node uses the latest model trained on this database.
  if (Status st = classification_.LoadStoredClassifier(); !st.ok()) {
    spdlog::warn("the stored classifier cannot be used ({}); using the built-in one", st.ToString());
  }
}

Services App::services() {
  return Services{auth_,        tickets_,       customers_,     config_,
                  sla_,         scheduler_,     metrics_,       after_sales_,
                  compensations_, logistics_,   notifications_, *text_,
                  search_,       classification_, knowledge_,
                  bot_,          feed_,         presence_,
                  reports_,      training_,     clock_,
                  carrier_secret_};
}

}  // namespace kefu::api
