from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.stages import EmailVerificationStage as AllauthEmailVerificationStage


class EmailVerificationStage(AllauthEmailVerificationStage):
    """Mandatory e-mail verification for everyone who has an e-mail address, except someone
    with a verified mobile number who did not log in by e-mail (a phone-first applicant, whose
    e-mail is optional). Someone with no address at all (WeChat login) has nothing to verify."""

    def handle(self):
        user = self.login.user
        if user is not None and not self.login.email:
            if user.phone_verified or not (user.email or user.emailaddress_set.exists()):
                return None, True
        self.login.email_verification = EmailVerificationMethod.MANDATORY
        return super().handle()
